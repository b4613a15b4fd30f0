# English texts. Every message here must also exist in ../ru/bot.ftl.
# HTML parse mode: variables that carry user text are escaped by the code before formatting.

welcome =
    Welcome to <b>{ $house }</b>! 🏡
    A cosy house for rest, celebrations and time with friends.

    📸 <a href="{ $instagram }">Our Instagram</a> · <a href="{ $instagram_closed }">private Instagram</a>
    📣 <a href="{ $channel }">Telegram channel</a>

    What would you like to do?
help =
    I help you book { $house }.

    /start — main menu
    /help — this help
    /cancel — abandon what you are doing

    If something goes wrong, write to the admin — the "Contact the admin" button is in the menu.
menu-contact-admin = Contact the admin 📞
menu-back = ⬅️ Menu
private-only = I only work in private messages: write to me directly and I will show you everything.
cancelled = Done, everything is cancelled. You are in the main menu.
nothing-to-cancel = There is nothing to cancel. You are in the main menu.
button-outdated = This button is outdated. Here is the current menu.
unknown-input = I did not understand that. Please choose an action in the menu below.
session-reset = The bot was updated and your unfinished action had to be reset. Please start again.
error-internal = Something went wrong on our side. Please try again in a minute — your data is safe.
command-start = Main menu
command-prices = Prices
command-help = Help
command-cancel = Abandon the current action

menu-free-dates = Free dates 📅
menu-prices = Prices 💰
menu-language = Русский 🇷🇺
language-changed = The language is now English.

prices-title = 💰 <b>Prices</b>
prices-tariff = <b>{ $name }</b> — { $price } BYN for { $hours } h
prices-days = { $days ->
    [one] { $days } day
   *[other] { $days } days
} — { $price } BYN
prices-included = Included: { $list }
prices-optional = + { $name }: { $price } BYN
prices-extra-hour = + extra hour: { $price } BYN
prices-guests = { $n ->
    [one] { $n } guest
   *[other] { $n } guests
} included
prices-extra-guest = + each further guest: { $price } BYN
prices-weekdays = Check-in Monday to Thursday
prices-windows = Hours: { $windows }
prices-prepayment = Prepayment { $percent } %; 100 % when the stay starts on a holiday.
prices-capacity = The house takes up to { $n } guests.

extra-sauna = sauna
extra-secret-room = secret room
extra-second-bedroom = second bedroom
extra-photoshoot = photoshoot

free-dates-pick-month = 📅 Pick a month to see the free time:
free-dates-title = 📅 Free time — { $month }:
free-dates-day = 📍 { $date }: { $intervals }
free-dates-whole-day = all day
free-dates-none = No free time this month.
button-other-month = ⬅️ Another month

month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December

# Calendar header, Monday first, comma-separated.
weekdays = Mo,Tu,We,Th,Fr,Sa,Su

# Staff side (admin chat). Guest-provided values are escaped by the code.
admin-booking = 🧾 <b>Booking #{ $id }</b> — { $status }
    Guest: { $guest }, contact: { $contact }
    Tariff: { $tariff }
    Check-in: { $start } · check-out: { $end }
    Guests: { $guests }{ $extras }
    Price: { $price } BYN · prepayment: { $prepayment } BYN
admin-line-comment = Comment: { $text }
admin-line-wine = Wine: { $text }
admin-line-transfer = Transfer: { $text }
admin-by = { $status } — { $admin }
admin-approve = ✅ Approve
admin-reject = ❌ Reject
admin-edit-price = ✏️ Price
admin-edit-prepayment = ✏️ Prepayment
admin-not-allowed = Only admins can do this.
admin-already = Nothing changed: the booking is already "{ $status }".
admin-done = Done: { $status }.
admin-enter-amount = Booking #{ $id }: type the new { $field ->
    [price] price
   *[prepayment] prepayment
} in BYN, e.g. 350 or 350.50 (or /cancel).
admin-bad-amount = That does not look like an amount. Type a number, e.g. 350 or 350.50.
admin-prepayment-too-high = The prepayment cannot exceed the price ({ $price } BYN).
admin-amount-saved = Booking #{ $id }: the { $field ->
    [price] price
   *[prepayment] prepayment
} is now { $amount } BYN.
status-pending_payment = pending payment
status-awaiting_approval = awaiting approval
status-confirmed = confirmed
status-completed = completed
status-cancelled = cancelled
status-rejected = rejected
status-expired = expired
guest-approved = 🎉 Great news! Your booking #{ $id } is confirmed.
    Total: { $price } BYN. Prepayment: { $prepayment } BYN.
    📩 The day before check-in we will send you the arrival instructions.
guest-rejected = ⚠️ Your booking #{ $id } was rejected. The admin will contact you to sort it out.
guest-amount-changed = The admin changed the { $field ->
    [price] price
   *[prepayment] prepayment
} of booking #{ $id }: it is now { $amount } BYN.
inform-confirmed = ✅ Confirmed booking #{ $id }: { $tariff }, { $start } — { $end }, guests: { $guests }, { $price } BYN.
