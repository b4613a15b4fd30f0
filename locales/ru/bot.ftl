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

# Staff side (admin chat). Guest-provided values are escaped by the code.
admin-booking = 🧾 <b>Бронь #{ $id }</b> — { $status }
    Гость: { $guest }, контакт: { $contact }
    Тариф: { $tariff }
    Заезд: { $start } · выезд: { $end }
    Гостей: { $guests }{ $extras }
    Цена: { $price } BYN · предоплата: { $prepayment } BYN
admin-line-comment = Комментарий: { $text }
admin-line-wine = Вино: { $text }
admin-line-transfer = Трансфер: { $text }
admin-by = { $status } — { $admin }
admin-approve = ✅ Подтвердить
admin-reject = ❌ Отклонить
admin-edit-price = ✏️ Цена
admin-edit-prepayment = ✏️ Предоплата
admin-not-allowed = Это действие доступно только администраторам.
admin-already = Ничего не изменилось: бронь уже «{ $status }».
admin-done = Готово: { $status }.
admin-enter-amount = Бронь #{ $id }: введите { $field ->
    [price] новую цену
   *[prepayment] новую предоплату
} в BYN, например 350 или 350,50 (или /cancel).
admin-bad-amount = Это не похоже на сумму. Введите число, например 350 или 350,50.
admin-prepayment-too-high = Предоплата не может быть больше цены ({ $price } BYN).
admin-amount-saved = Бронь #{ $id }: { $field ->
    [price] цена
   *[prepayment] предоплата
} теперь { $amount } BYN.
status-pending_payment = ожидает оплаты
status-awaiting_approval = ждёт подтверждения
status-confirmed = подтверждена
status-completed = завершена
status-cancelled = отменена
status-rejected = отклонена
status-expired = истекла
guest-approved = 🎉 Отличные новости! Ваше бронирование #{ $id } подтверждено.
    Общая стоимость: { $price } BYN. Предоплата: { $prepayment } BYN.
    📩 За день до заезда мы пришлём инструкцию по заселению.
guest-rejected = ⚠️ Ваше бронирование #{ $id } отклонено. Администратор свяжется с вами, чтобы всё уточнить.
guest-amount-changed = Администратор изменил { $field ->
    [price] стоимость
   *[prepayment] предоплату
} бронирования #{ $id }: теперь { $amount } BYN.
inform-confirmed = ✅ Подтверждена бронь #{ $id }: { $tariff }, { $start } — { $end }, гостей: { $guests }, { $price } BYN.
