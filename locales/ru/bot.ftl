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
menu-back = ⬅️ В меню
private-only = Я работаю только в личных сообщениях: напишите мне напрямую, и я всё покажу.
cancelled = Хорошо, всё отменено. Вы в главном меню.
nothing-to-cancel = Сейчас нечего отменять. Вы в главном меню.
button-outdated = Эта кнопка устарела. Вот актуальное меню.
unknown-input = Я не понял сообщение. Выберите действие в меню ниже.
session-reset = Бот обновился, и незаконченное действие пришлось сбросить. Пожалуйста, начните заново.
error-internal = Что-то пошло не так на нашей стороне. Попробуйте ещё раз через минуту — ваши данные сохранены.
command-start = Главное меню
command-prices = Цены
command-help = Помощь
command-cancel = Прервать текущее действие

menu-free-dates = Свободные даты 📅
menu-prices = Цены 💰
menu-language = English 🇬🇧
language-changed = Язык переключён на русский.

prices-title = 💰 <b>Цены</b>
prices-tariff = <b>{ $name }</b> — { $price } BYN за { $hours } ч
prices-days = { $days ->
    [one] { $days } сутки
   *[other] { $days } суток
} — { $price } BYN
prices-included = Включено: { $list }
prices-optional = + { $name }: { $price } BYN
prices-extra-hour = + доп. час: { $price } BYN
prices-guests = В цене { $n ->
    [one] { $n } гость
    [few] { $n } гостя
   *[many] { $n } гостей
}
prices-extra-guest = + каждый следующий гость: { $price } BYN
prices-weekdays = Заезд с понедельника по четверг
prices-windows = Время: { $windows }
prices-prepayment = Предоплата { $percent } %; если заезд в праздник — 100 %.
prices-capacity = В доме до { $n } гостей.

extra-sauna = сауна
extra-secret-room = секретная комната
extra-second-bedroom = вторая спальня
extra-photoshoot = фотосессия

free-dates-pick-month = 📅 Выберите месяц, чтобы посмотреть свободное время:
free-dates-title = 📅 Свободное время — { $month }:
free-dates-day = 📍 { $date }: { $intervals }
free-dates-whole-day = весь день
free-dates-none = В этом месяце свободного времени нет.
button-other-month = ⬅️ Другой месяц

month-1 = Январь
month-2 = Февраль
month-3 = Март
month-4 = Апрель
month-5 = Май
month-6 = Июнь
month-7 = Июль
month-8 = Август
month-9 = Сентябрь
month-10 = Октябрь
month-11 = Ноябрь
month-12 = Декабрь

# Calendar header, Monday first, comma-separated.
weekdays = Пн,Вт,Ср,Чт,Пт,Сб,Вс
