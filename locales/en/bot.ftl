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

    { $commands }

    If something goes wrong, write to the admin — the "Contact the admin" button is in the menu.
menu-contact-admin = Contact the admin 📞
menu-back = ⬅️ Menu
private-only = I only work in private messages: write to me directly and I will show you everything.
cancelled = Done, everything is cancelled. You are in the main menu.
nothing-to-cancel = There is nothing to cancel. You are in the main menu.
button-outdated = This button is outdated. Here is the current menu.
button-outdated-step = This button is outdated. Here is the step you are on.
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
prices-tariff = <b>{ $name }</b> — { $price } for { $hours } h
prices-days = { $days ->
    [one] { $days } day
   *[other] { $days } days
} — { $price }
prices-included = Included: { $list }
prices-optional = + { $name }: { $price }
prices-extra-hour = + extra hour: { $price }
prices-guests = { $n ->
    [one] { $n } guest
   *[other] { $n } guests
} included
prices-extra-guest = + each further guest: { $price }
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
    Price: { $price } · prepayment: { $prepayment }
admin-line-bedroom = Bedroom: { $text }
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
} in { $currency }, e.g. 350 or 350.50 (or /cancel).
admin-bad-amount = That does not look like an amount. Type a number, e.g. 350 or 350.50.
admin-prepayment-too-high = The prepayment cannot exceed the price ({ $price }).
admin-amount-saved = Booking #{ $id }: the { $field ->
    [price] price
   *[prepayment] prepayment
} is now { $amount }.
admin-amount-unchanged = Booking #{ $id }: the { $field ->
    [price] price
   *[prepayment] prepayment
} is already { $amount }. Nothing changed.
status-pending_payment = pending payment
status-awaiting_approval = awaiting approval
status-confirmed = confirmed
status-completed = completed
status-cancelled = cancelled
status-rejected = rejected
status-expired = expired
guest-approved = 🎉 Great news! Your booking #{ $id } is confirmed.
    Total: { $price }. Prepayment: { $prepayment }.
    📩 Before check-in you will get the route and how to get in, here. Questions: "Contact the admin" in the menu.
guest-rejected = ⚠️ Your booking #{ $id } was rejected. The admin will contact you to sort it out.
guest-amount-changed = The admin changed the { $field ->
    [price] price
   *[prepayment] prepayment
} of booking #{ $id }: it is now { $amount }.
inform-confirmed = ✅ Confirmed booking #{ $id }: { $tariff }, { $start } — { $end }, guests: { $guests }, { $price }.

# The booking wizard. Values marked as user text are escaped by the code.
menu-book = Book 🏡
command-book = Book the house
booking-back = ⬅️ Back
booking-yes = Yes
booking-no = No
booking-skip = Skip ➡️
booking-pick-tariff = 🏡 Choose a tariff:
booking-pick-bedroom = 🛏 Which bedroom would you like?
bedroom-white = 🛏 White bedroom
bedroom-green = 🌿 Green bedroom
bedrooms-both = both bedrooms
booking-ask-photoshoot = 📸 Add a photoshoot (2 hours with our photographer) for { $price }?
booking-pick-guests = 👥 How many guests? The tariff includes { $included }; each further guest costs { $price } (up to { $max }).
booking-pick-start-date = 📅 Choose the check-in date (⛔ — no free time that day):
booking-windows = ⏰ This tariff: check-in Monday to Thursday, the whole stay within { $windows }.
booking-pick-start-time = ⏰ Check-in time on { $date } (⛔ — taken or not allowed for this tariff):
booking-day-full = Sorry, there is no free check-in time on { $date }. Go back and choose another day.
booking-pick-finish-date = 📅 Check-in { $start }. Choose the check-out date:
booking-pick-finish-time = ⏰ Check-out time on { $date }:
booking-day-unavailable = This day is not available: it is taken, past, or outside what this tariff allows.
booking-hour-busy = This hour is not available: it is taken (cleaning included) or not allowed for this tariff.
booking-ask-comment = 💬 Any wishes or a comment for us? Type it, or press Skip.
booking-comment-too-long = The comment is too long: please keep it under 1000 characters.
booking-keep = Keep ✅
booking-remove-comment = Remove the comment
booking-remove-promo = Remove the code
booking-current-comment = Your comment: «{ $text }». Type a new one to change it.
booking-current-promo = Applied: { $text }. Type another code to change it.
booking-current-transfer = Pick-up address: { $text }. Type a new one to change it.
booking-ask-promo = 🎟 Do you have a promo code? Type it, or press Skip.
promo-applied = ✅ Promo code applied! The discount is in the summary.
promo-not-found = ❌ There is no such promo code. Check it and try again, or press Skip.
promo-not-for-these-dates = ❌ This promo code is not valid for your dates. Choose Skip or try another code.
promo-not-now = ❌ This promo code cannot be used at the moment.
promo-beyond-horizon = ❌ This promo code does not cover dates that far ahead.
promo-wrong-tariff = ❌ This promo code does not apply to the chosen tariff.
promo-used-up = ❌ This promo code has been used up.
booking-ask-wine = 🍷 For Incognito we prepare wine and light snacks for free. Which wine do you prefer?
wine-none = No wine
wine-white-sweet = White sweet
wine-white-semi-sweet = White semi-sweet
wine-white-dry = White dry
wine-white-semi-dry = White semi-dry
wine-red-sweet = Red sweet
wine-red-semi-sweet = Red semi-sweet
wine-red-dry = Red dry
wine-red-semi-dry = Red semi-dry
booking-ask-transfer = 🚗 We offer a free business-class transfer to the house and back. Type your address, or press "Not needed".
booking-no-transfer = Not needed
transfer-too-short = The address is too short: please give at least 5 characters.
transfer-too-long = The address is too long: please keep it under 500 characters.
summary-head = 📋 <b>Your booking</b>
    Tariff: { $tariff }
    Check-in: { $start }
    Check-out: { $end } ({ $hours } h)
    Guests: { $guests }
    Included: { $included }
line-comment = 💬 Comment: { $text }
line-wine = 🍷 Wine: { $text }
line-transfer = 🚗 Transfer from: { $text }
price-line = • { $what }: { $amount }
price-base-hours = stay, { $hours } h
price-base-extra-hours = stay, { $hours } h (of which { $extra } extra)
price-base-days = { $days ->
    [one] { $days } day
   *[other] { $days } days
}{ $extra ->
    [0] {""}
   *[other] {" "}+ { $extra } h
}
price-base-special = special price: { $name }
price-extra-guests = extra guests ({ $n })
price-discount = promo code { $code }, −{ $percent } %
price-total = 💰 <b>Total: { $amount }</b>
price-prepayment = 🔹 Prepayment: { $amount } ({ $percent } %)
price-holiday = 🎉 { $holiday }: the full amount is paid in advance.
summary-confirm = All correct? Press "Go to payment" to hold these dates for you.
booking-confirm = ✅ Go to payment
booking-ask-contact = 📲 Your contact for the admin: a phone number (+375 29 123-45-67) or a Telegram @username.
booking-use-contact = Use { $contact }
contact-bad-phone = That is not a Belarusian phone number. Please type it as +375 29 123-45-67, or a Telegram @username.
contact-bad-username = A Telegram username is @ and 5–32 letters, digits or _. Please check it.
booking-use-buttons = Please use the buttons below.
booking-text-expected = Please send this as text.
booking-slot-taken = 😔 Someone has just booked this time. Everything else is kept — please choose another date.
booking-too-late = ⏳ The chosen check-in is now too soon. Everything else is kept — please choose the date again.
booking-beyond-horizon = ⏳ The chosen dates are now further ahead than we take bookings. Everything else is kept — please choose the date again.
booking-length-changed = ⏳ The length of this stay no longer fits the tariff's rules. Everything else is kept — please choose the dates again.
booking-times-changed = ⏳ The chosen days or hours no longer fit the tariff's rules. Everything else is kept — please choose the dates again.
booking-guests-changed = 👥 The number of guests no longer fits what the house takes. Everything else is kept — please choose it again.
payment-screen = ✅ Booking #{ $id } is held for you until { $deadline }.

    💰 Total: { $price }
    🔹 Prepayment: { $prepayment }
    💡 The prepayment is not refunded on cancellation, but you can move the booking to another date.

    💳 Pay by card transfer ({ $bank }): <code>{ $card }</code>
payment-send-receipt = 📎 Then send the receipt here: a photo, a screenshot or a PDF document.
receipt-expected = Please send the receipt as a photo, a screenshot or a document (PDF).
receipt-thanks = ✨ Thank you for choosing The Secret House! ✨ We have your receipt and will confirm the booking soon.
receipt-late-accepted = ⏳ The hold on your dates had run out, but they were still free: your receipt went to the admin, who will confirm the booking soon.
receipt-late-slot-lost = ⚠️ The hold on your dates had run out and they have been taken meanwhile. Your receipt went to the admin, who will contact you to find other dates or return the payment.
receipt-not-needed = This booking does not wait for a receipt any more (it was decided or cancelled). If you paid, write to the admin — the button is in the menu.
receipt-dates = Booking #{ $id }: { $start } — { $end }
hold-released = Done: the unpaid booking is cancelled and the dates are free again.
admin-late-receipt = ⚠️ Receipt after the hold ran out (the dates were still free).
admin-late-receipt-slot-lost = ⚠️ Receipt after the hold ran out — the dates are TAKEN by another booking. Sort the payment out with the guest.
admin-receipt-additional = 📎 An additional receipt from the guest (the first one is in the earlier message).
receipt-additional = 📎 Thank you! We passed this on to the admin as an additional receipt for your booking.
receipt-wrong-file = This file cannot be a receipt. Please send a photo or a screenshot of the receipt, or a PDF document.
hold-expired = ⏳ The hold on booking #{ $id } ({ $start } — { $end }) ran out without a receipt, so the dates are free again. If you have already paid, send the receipt here anyway: it goes to the admin, and no payment is lost.
booking-ask-sauna = 🧖 Add the sauna for { $price }?
booking-ask-secret-room = 🗝 Add the secret room for { $price }?
booking-ask-second-bedroom = 🛏 Add the second bedroom for { $price }?
booking-pick-guests-included = 👥 How many guests? Up to { $max }, all included in the price.
booking-unknown-command = I do not know this command. /help lists the ones I know.
hold-replaced = ℹ️ Your earlier unpaid booking was released: one unpaid booking at a time. If you want both stays, pay for one before booking the next.

staff-problems = ⚠️ Staff notices cannot all be delivered:
    { $problems }
    Notices wait and are sent as soon as this is fixed.
staff-problem-unset = { $key } is not set.
staff-problem-unreachable = { $key } = { $chat } cannot be reached: add the bot to that group, or press /start in the bot from that account.

## Self-service: my bookings, cancel, move
menu-my-bookings = My bookings 👁️
menu-cancel-booking = Cancel ❌
menu-move-booking = Move 🔄
command-my = My bookings
self-service-use-buttons = Please use the buttons below (or /cancel to leave).
my-bookings-empty = You have no bookings yet. Shall we book the house?
my-bookings-head = 👁️ <b>Your bookings</b> (page { $page } of { $pages })
my-bookings-history = 🕰 <b>Past and cancelled</b>
my-bookings-previous = ◀️ Earlier
my-bookings-next = More ▶️
my-booking-card = <b>#{ $id }</b> · { $status }
    📅 { $start } — { $end }
    🏡 { $tariff } · guests: { $guests }
    ✨ { $extras }
    💰 { $price }, prepayment { $prepayment }
my-booking-next-pay = 👉 Pay the prepayment by { $deadline } and send the receipt: press "Pay".
my-booking-next-wait = 👉 The admin is checking your receipt; you will get a message here.
my-booking-next-confirmed = 👉 You can cancel it or move it (moves left: { $moves }).
my-booking-next-no-moves = 👉 You can cancel it; to move it again, please contact the admin.
my-bookings-pay = 💳 Pay #{ $id }
my-bookings-move = 🔄 Move #{ $id }
my-bookings-cancel = ❌ Cancel #{ $id }
cancel-pick = ❌ Which booking do you want to cancel?
cancel-none = You have no bookings that can be cancelled (only ones that have not started can be).
cancel-confirm-paid = ⚠️ Cancel this booking? The prepayment of { $prepayment } is non-refundable.
cancel-confirm-unpaid = Cancel this booking? It is not paid yet, so nothing is lost.
cancel-yes = Yes, cancel #{ $id }
cancel-done = ❌ Booking #{ $id } is cancelled and the dates are free again. Questions: "Contact the admin" in the menu.
move-pick = 🔄 Which booking do you want to move?
move-none = You have no confirmed bookings that can be moved (only confirmed ones that have not started can be).
move-no-moves = This booking has already been moved as many times as guests can move it. Please contact the admin: they will help.
move-head = 🔄 <b>Moving booking #{ $id }</b> (now { $start } — { $end })
move-confirm = New dates: { $start } — { $end }
move-price-same = 💰 The price stays { $price }.
move-price-more = 💰 The new dates cost { $price } (was { $old }): { $more } more, paid at check-in. Prepayment paid: { $prepayment }; at check-in: { $due }.
move-price-less = 💰 The new dates cost { $price } (was { $old }). The prepayment of { $prepayment } is not refunded; at check-in: { $due }.
move-yes = Yes, move #{ $id }
move-done = ✅ Booking #{ $id } is moved: { $start } — { $end }. Price { $price }, at check-in { $due }.
move-slot-taken = Sorry, someone has just taken that time. Please pick other dates.
staff-guest-cancelled = ❌ The guest cancelled booking #{ $id }.
staff-guest-moved = 🔄 The guest moved booking #{ $id } from { $old_start } — { $old_end }; price { $old_price } → { $price }.

## Admin commands
admin-command-pending = Bookings waiting for a decision
admin-pending-none = No booking and no gift certificate purchase is waiting for a decision.
admin-pending = Bookings and gift certificate purchases waiting for a decision: { $count }. Their messages follow.

## Arrival instructions, completion, expiries (jobs)
instructions-route = 🏡 <b>Your stay #{ $id } starts { $start }.</b> How to get there:
    📍 Yubileynoye-68 station, 2 Sosnovaya street. After the railway crossing drive about 500 m to the orange shop, turn left and follow the "Юбилейное-68" sign.
    🗺 <a href="{ $yandex }">Yandex Maps</a> · <a href="{ $google }">Google Maps</a>
    If you need help on the way: { $contact }
instructions-checkin = 🔑 <b>Self check-in.</b> The key box is outside the fence; code <b>{ $code }</b>. Inside are the keys to the gate and the house.
    Within the first 30 minutes please sign the contract (it is on the kitchen island with a pen) and leave it with the payment in the pink envelope in the box inside the house.
instructions-checkin-no-code = 🔑 <b>Self check-in.</b> The key box is outside the fence; the admin will send you its code before you arrive. Inside are the keys to the gate and the house.
    Within the first 30 minutes please sign the contract (it is on the kitchen island with a pen) and leave it with the payment in the pink envelope in the box inside the house.
instructions-sauna = 🧖 <b>Sauna:</b> switch on the "Сауна" breaker in the meter box to the right of the entrance; it is ready in about an hour. Please switch it off after use.
staff-keybox-missing = ⚠️ Arrival instructions for booking #{ $id } went out WITHOUT the key-box code (none is set). Set it with /keybox in a private chat with the bot and send the guest the code.
feedback-request = 🙏 Thank you for staying with us (booking #{ $id })! How was your stay? Your feedback helps us, and you get a personal promo code for the next visit.
feedback-button = ⭐ Leave feedback
gift-expired = ⌛ Your gift certificate { $code } has expired and can no longer be used. Questions: "Contact the admin" in the menu.
admin-command-keybox = The key-box code
keybox-current = 🔑 The key-box code: { $masked }
keybox-not-set = 🔑 No key-box code is set yet: arrival instructions say the admin will send it.
keybox-change = ✏️ Change
keybox-cancel = Cancel
keybox-enter = Type the new key-box code: exactly 4 digits.
keybox-bad = The code must be exactly 4 digits, e.g. 0427. Type it again, or press Cancel.
keybox-saved = ✅ The key-box code is changed.
keybox-cancelled = The key-box code is unchanged.
keybox-private-only = The key-box code is shown and changed only in a private chat with the bot.

## Feedback questionnaire
feedback-head = 📝 Question { $n } of { $total }
feedback-rating-0 = How well did the stay meet your expectations? (1–10)
feedback-rating-1 = How comfortable was the house? (1–10)
feedback-rating-2 = How clean was it? (1–10)
feedback-rating-3 = How was our communication and support? (1–10)
feedback-rating-4 = How did you like the location and surroundings? (1–10)
feedback-rating-5 = How likely are you to recommend us to friends? (1–10)
feedback-text-0 = What did you like most? Write a few words, or press Skip.
feedback-text-1 = What should we improve? Write a few words, or press Skip.
feedback-text-2 = A review we may publish (optional). Write it, or press Skip.
feedback-too-long = That is longer than 1000 characters. Please shorten it.
feedback-already = Feedback for this stay has already been left. Thank you!
feedback-thanks = 🙏 Thank you for your feedback!
    🎁 Your personal promo code for 10 % off: <b>{ $code }</b> — valid until { $until }, once, for any tariff.
staff-feedback = 📝 <b>Feedback on booking #{ $id }</b> from { $guest }
feedback-short-0 = Expectations
feedback-short-1 = Comfort
feedback-short-2 = Cleanliness
feedback-short-3 = Communication
feedback-short-4 = Location
feedback-short-5 = Would recommend
feedback-short-text-0 = Liked most
feedback-short-text-1 = To improve
feedback-short-text-2 = Public review

## Nothing to pay up front
booking-nothing-owed = ✅ Booking #{ $id } ({ $start } — { $end }) has nothing to pay up front, so there is no payment step: it went straight to the admin for confirmation. You will get a message here.
admin-nothing-owed = 🆓 Nothing to pay up front (a 100 % promo code or a gift certificate covers it): no receipt. Confirm or reject.

## Gift certificates: buying, approving, redeeming.
menu-gift = Gift certificate 🎁
gift-pick-tariff = 🎁 A gift certificate is a stay of the tariff you choose, with the extras you add: the recipient picks the dates. Choose the tariff:
gift-covers = «{ $tariff }»: { $hours } h for { $guests ->
    [one] { $guests } guest
   *[other] { $guests } guests
    }{ $extras }
gift-summary-head = 🎁 <b>Gift certificate</b>
    It covers: { $covers }
gift-summary-how = After payment and the admin's approval you receive the certificate's code here. It is valid for { $valid }; the recipient books through the bot ("Book" → "Gift certificate") and pays only for what the certificate does not cover (more hours, more guests, other extras, special-date prices).
gift-payment-screen = 🎁 Gift certificate: { $price } to pay.

    💳 { $bank }, card <code>{ $card }</code>
gift-receipt-thanks = 🙏 Thank you! Your payment for gift certificate #{ $id } went to the admin. Once it is approved you receive the certificate's code here.
gift-approved = 🎁 Your gift certificate #{ $id } is ready!
    Code: <code>{ $code }</code>
    It covers: { $covers }
    Valid until { $expires }.
    To use it: "Book" → "Gift certificate" in the menu, then type the code.
gift-rejected = ⚠️ Your payment for gift certificate #{ $id } was not confirmed. The admin will contact you to sort it out.
admin-gift = 🎁 <b>Gift certificate #{ $id }</b> — { $status }
    Buyer: { $buyer }, contact: { $contact }
    Covers: { $covers }
    Price: { $price }
    Code: { $code } · valid until { $expires }
admin-gift-already = Nothing changed: the certificate is already "{ $status }".
admin-line-gift = 🎁 Gift certificate #{ $id } pays the standard stay; the price above is what the guest owes.
gift-status-awaiting_approval = awaiting approval
gift-status-active = active
gift-status-redeemed = redeemed
gift-status-expired = expired
gift-status-rejected = rejected
booking-gift-tariff = 🎁 Gift certificate
booking-ask-gift-code = 🎁 Type the code of your gift certificate (12 characters, e.g. ABCD-EFGH-JKMN; case, spaces and dashes do not matter).
booking-current-gift = Accepted: <code>{ $code }</code>
gift-code-accepted = 🎉 The certificate is accepted! It covers: { $covers }
    Now choose the rest; you pay only for what it does not cover.
gift-code-unknown = ❌ There is no gift certificate with this code. Check it and type it again.
gift-code-not-approved = ⏳ This certificate's payment has not been approved yet. Please try again once you have received the code from the bot.
gift-code-expired = ⌛ This certificate has expired and can no longer be used.
gift-code-used = This certificate has already been used for a booking.
gift-code-reserved = This certificate is being used by another booking that awaits payment or approval. If that is a mistake, "Contact the admin" in the menu.
gift-code-gone = 😔 The certificate can no longer be used for this booking (it expired or another booking took it). Your comment and contact are kept.
gift-code-pause = ✋ Too many wrong codes. Please wait { $minutes ->
    [one] { $minutes } minute
   *[other] { $minutes } minutes
    } and try again.
price-gift = gift certificate { $code }
price-nothing-owed = ✅ Nothing to pay: the booking goes straight to the admin for confirmation.
gift-valid-months = { $n ->
    [one] { $n } month
   *[other] { $n } months
    }
gift-valid-days = { $n ->
    [one] { $n } day
   *[other] { $n } days
    }
my-booking-gift = 🎁 Paid with a gift certificate: the price is what it does not cover.

admin-command-stats = Statistics
stats-all-time = All time
stats-this-year = This year
stats-this-month = This month
admin-stats = 📊 <b>Statistics: { $period }</b>
    Bookings (by check-in): { $total } — { $by_status }
    Revenue: confirmed { $confirmed }, completed { $completed }
    Average price: { $average } · guests: { $guests }
    Hours sold: { $hours } · occupancy: { $occupancy }
    Users: { $users } in all, { $with_bookings } with bookings, { $active } reachable
    Gift certificates: { $gifts_sold } sold for { $gifts_revenue }, { $gifts_redeemed } redeemed
    Promo codes used: { $promo }

## Admin: promo codes.
admin-command-promo-new = New promo code
admin-command-promo-list = Promo codes
promo-new-private-only = 🔒 Promo codes are created in a private chat with me (the steps take typed answers): open it and send /promo_new there.
promo-ask-code = 🎟 New promo code (1/6): type its name — 3–30 letters, digits, "-" or "_" — or generate one.
promo-generate = 🎲 Generate
promo-ask-kind = 🎟 (2/6) What do the dates mean?
promo-kind-booking_dates = the stay must start within them
promo-kind-usage_period = it can be used within them (any stay)
promo-ask-dates = 🎟 (3/6) Type the dates: 01.06.2030 - 30.06.2030 (or one day: 01.06.2030).
promo-ask-percent = 🎟 (4/6) The discount in percent, 1–100:
promo-ask-tariffs = 🎟 (5/6) For which tariffs? Tap to select, then "Done" — or "All tariffs".
promo-all-tariffs = all tariffs
promo-tariffs-done = ✅ Done
promo-ask-max-uses = 🎟 (6/6) How many times can it be used in all? Type a number, or "Unlimited".
promo-unlimited = ♾ Unlimited
promo-confirm = Create this promo code?
promo-create = ✅ Create
promo-cancel = ✖️ Cancel
promo-no-tariffs = Select at least one tariff, or press "All tariffs".
promo-created = ✅ Promo code { $code } is created and works from now on. /promo_list shows it.
promo-code-taken = ❌ An active promo code has this name already. Type another one, or generate one.
promo-bad-code = ❌ A name is 3–30 letters, digits, "-" or "_", without spaces.
promo-bad-dates = ❌ Please type the dates as 01.06.2030 - 30.06.2030, or one day as 01.06.2030.
promo-dates-reversed = ❌ The last day is before the first one.
promo-dates-past = ❌ These dates are over already.
promo-bad-percent = ❌ The discount is a whole number from 1 to 100.
promo-bad-max-uses = ❌ Type a whole number from 1 to 100000, or press "Unlimited".
promo-line = <b>{ $code }</b> — { $percent } %, { $kind } { $from } – { $to }
    Tariffs: { $tariffs } · used { $uses } of { $max }
promo-list-empty = No promo code is active. /promo_new creates one.
promo-list-head = 🎟 Active promo codes: { $count } (page { $page } of { $pages })
promo-deactivate = 🚫 Deactivate { $code }
promo-deactivated = Deactivated.
promo-already-inactive = Already inactive.

inform-cancelled-by-admin = ❌ The admin cancelled booking #{ $id }: { $tariff }, { $start } — { $end }, guests: { $guests }, { $price }.
guest-cancelled-by-admin = ❌ Your booking #{ $id } was cancelled by the admin. Questions: "Contact the admin" in the menu.

admin-command-bookings = Bookings
bookings-filter-open = open
bookings-filter-pending = pending payment
bookings-filter-awaiting = awaiting approval
bookings-filter-confirmed = confirmed
bookings-filter-week = this week
admin-bookings-head = 📋 Bookings — { $filter }: { $count } (page { $page } of { $pages })
admin-bookings-line = <b>#{ $id }</b> · { $status } · { $start } → { $end }
    { $tariff } · { $guests } guests · { $price } · { $contact }
admin-bookings-back = ⬅️ To the list
admin-history = 🕓 History:
admin-cancel = ❌ Cancel
admin-complete = 🏁 Complete
admin-receipt = 📎 Receipt
admin-cancel-confirm = ❓ Cancel booking #{ $id }? The guest and the staff feed are told; the slot becomes free.
admin-cancel-yes = ✅ Yes, cancel it
admin-cancel-keep = ⬅️ No, keep it
admin-receipt-resent = The receipt is on its way to this chat.
admin-no-receipt = This booking has no receipt.

admin-command-broadcast = Broadcast
broadcast-private-only = 🔒 Broadcasts are prepared in a private chat with me: open it and send /broadcast there.
broadcast-ask-audience = 📣 Broadcast: who should get it?
broadcast-audience-all = Everyone ({ $count })
broadcast-audience-with_bookings = Guests with bookings ({ $count })
broadcast-audience-without_bookings = Users without bookings ({ $count })
broadcast-ask-message = 📣 Send the message: a text, or a photo with a caption. It goes out exactly as you send it.
broadcast-text-or-photo = Please send a text, or a photo with a caption.
broadcast-too-long = Too long: a text is at most 4096 characters, a caption 1024.
broadcast-preview = ☝️ This is how it will look. Recipients: { $count }. Send it?
broadcast-send = 📣 Send
broadcast-already-running = ⏳ Another broadcast is still running; stop it or wait until it is done.
broadcast-progress = 📣 Broadcast #{ $id } — { $status ->
    [done] done
    [cancelled] stopped
   *[running] sending
    }: { $sent } of { $total } sent, { $blocked } blocked the bot, { $failed } failed.
broadcast-stop = ⏹ Stop
broadcast-stopped = Stopped: nothing more is sent.
broadcast-not-running = This broadcast is not running any more.

admin-change-tariff = 🔁 Tariff
admin-tariff-pick = 🔁 Booking #{ $id }: change the tariff to…
admin-tariff-gift = A booking paid with a gift certificate keeps its tariff (the certificate is for it).
admin-tariff-confirm = 🔁 Booking #{ $id }: { $old_tariff } → { $new_tariff }
    Price: { $old_price } → { $new_price } (same dates, guests, extras and promo code)
    Prepayment: { $prepayment }
admin-tariff-change = ✅ Change
admin-tariff-done = Done: the price is now { $price }.
admin-tariff-unchanged = Nothing changed.
guest-tariff-changed = ℹ️ The admin changed your booking #{ $id } to the tariff «{ $tariff }». Total: { $price }, prepayment: { $prepayment }.

admin-move = 📅 Move
guest-moved-by-admin = 📅 The admin moved your booking #{ $id } to { $start } — { $end }. Price: { $price }.
staff-admin-moved = 🔄 The admin moved booking #{ $id } from { $old_start } — { $old_end }; price { $old_price } → { $price }.

# The staff's own entries in the calendar: bookings taken by hand, closed dates.
admin-command-add-booking = Add a booking by hand (phone, walk-in)
admin-command-block = Closed dates
source-bot = the bot
source-phone = 📞 By phone
source-walk-in = 🚶 In person
source-other = 💬 Another channel
by-hand-private-only = 🔒 This is done in a private chat with me (the steps take typed answers): open it and send the command there.
by-hand-source = ➕ A booking taken by hand. How did it come?
by-hand-banner = ➕ <b>Booking by hand</b> ({ $source }) — the guest gets no messages from the bot.
by-hand-done = ✅ Booking #{ $id } is added and confirmed: { $start } — { $end }. Price { $price }, prepayment { $prepayment } (change them in its details if you agreed otherwise). Guests see these dates as busy.
by-hand-open = 📋 Open the booking
admin-line-source = ➕ Taken by hand: { $source }
staff-added-by-hand = ➕ Admin { $admin } added booking #{ $id } by hand.
block-private-only = 🔒 Closed dates are managed in a private chat with me: open it and send /block there.
block-none = 🔓 No dates are closed.
block-list = 🔒 Closed dates (guests see them as busy):
block-open-again = 🔓 Open { $first }–{ $last } again
block-new = ➕ Close dates
block-removed = 🔓 { $first } — { $last } are open again.
block-already-open = These dates are already open.
block-pick-first = 🔒 Close the house from which day? (⛔ — something is booked then)
block-pick-last = 🔒 From { $first } until which day (inclusive)?
block-day-busy = ⛔ Something is booked then: cancel or move that booking first, or pick other days.
block-ask-reason = Why are the dates closed? (for the staff only; e.g. "repairs") Type it or skip.
block-no-reason = Without a reason
block-reason-too-long = Please type a reason of up to 200 characters, or press "Without a reason".
block-summary = 🔒 Close <b>{ $first } — { $last }</b> ({ $days } d.)?
    Reason: { $reason }
    Guests will see these days as busy; nobody can book them.
block-create = 🔒 Close these dates
block-created = ✅ The dates are closed.
block-booked-then = ⛔ Not closed: these bookings fall on those days. Cancel or move them first, or pick other days.
    { $bookings }
by-hand-ask-contact = 📞 The guest's name and phone number (or Telegram @username), e.g. «Anna +375 29 123-45-67»:
