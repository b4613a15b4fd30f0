# Russian texts (the default language). Every message here must also exist in ../en/bot.ftl.
# HTML parse mode: variables that carry user text are escaped by the code before formatting.

welcome =
    Добро пожаловать в <b>{ $house }</b>! 🏡
    Уютный дом для отдыха, праздников и встреч с друзьями.

    📸 <a href="{ $instagram }">Наш Instagram</a> · <a href="{ $instagram_closed }">закрытый Instagram</a>
    📣 <a href="{ $channel }">Telegram-канал</a>

    Выберите, что хотите сделать:
help =
    Я помогаю забронировать { $house }.

    /start — главное меню
    /help — эта подсказка
    /cancel — прервать текущее действие

    Если что-то пошло не так, напишите администратору — кнопка «Связаться с администратором» в меню.
menu-contact-admin = Связаться с администратором 📞
menu-instagram = Instagram 📸
menu-back = ⬅️ В меню
private-only = Я работаю только в личных сообщениях: напишите мне напрямую, и я всё покажу.
cancelled = Хорошо, всё отменено. Вы в главном меню.
nothing-to-cancel = Сейчас нечего отменять. Вы в главном меню.
button-outdated = Эта кнопка устарела. Вот актуальное меню.
unknown-input = Я не понял сообщение. Выберите действие в меню ниже.
session-reset = Бот обновился, и незаконченное действие пришлось сбросить. Пожалуйста, начните заново.
error-internal = Что-то пошло не так на нашей стороне. Попробуйте ещё раз через минуту — ваши данные сохранены.
command-start = Главное меню
command-help = Помощь
command-cancel = Прервать текущее действие
