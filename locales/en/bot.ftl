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
menu-instagram = Instagram 📸
menu-back = ⬅️ Menu
private-only = I only work in private messages: write to me directly and I will show you everything.
cancelled = Done, everything is cancelled. You are in the main menu.
nothing-to-cancel = There is nothing to cancel. You are in the main menu.
button-outdated = This button is outdated. Here is the current menu.
unknown-input = I did not understand that. Please choose an action in the menu below.
session-reset = The bot was updated and your unfinished action had to be reset. Please start again.
error-internal = Something went wrong on our side. Please try again in a minute — your data is safe.
command-start = Main menu
command-help = Help
command-cancel = Abandon the current action
