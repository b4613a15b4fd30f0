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

    { $commands }

    Если что-то пошло не так, напишите администратору — кнопка «Связаться с администратором» в меню.
menu-contact-admin = Связаться с администратором 📞
menu-back = ⬅️ В меню
private-only = Я работаю только в личных сообщениях: напишите мне напрямую, и я всё покажу.
cancelled = Хорошо, всё отменено. Вы в главном меню.
nothing-to-cancel = Сейчас нечего отменять. Вы в главном меню.
button-outdated = Эта кнопка устарела. Вот актуальное меню.
button-outdated-step = Эта кнопка устарела. Вот шаг, на котором вы сейчас.
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
prices-tariff = <b>{ $name }</b> — { $price } за { $hours } ч
prices-days = { $days ->
    [one] { $days } сутки
   *[other] { $days } суток
} — { $price }
prices-included = Включено: { $list }
prices-optional = + { $name }: { $price }
prices-extra-hour = + доп. час: { $price }
prices-guests = В цене { $n ->
    [one] { $n } гость
    [few] { $n } гостя
   *[many] { $n } гостей
}
prices-extra-guest = + каждый следующий гость: { $price }
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
    Цена: { $price } · предоплата: { $prepayment }
admin-line-bedroom = Спальня: { $text }
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
} в { $currency }, например 350 или 350,50 (или /cancel).
admin-bad-amount = Это не похоже на сумму. Введите число, например 350 или 350,50.
admin-prepayment-too-high = Предоплата не может быть больше цены ({ $price }).
admin-amount-saved = Бронь #{ $id }: { $field ->
    [price] цена
   *[prepayment] предоплата
} теперь { $amount }.
admin-amount-unchanged = Бронь #{ $id }: { $field ->
    [price] цена
   *[prepayment] предоплата
} уже { $amount }. Ничего не изменилось.
status-pending_payment = ожидает оплаты
status-awaiting_approval = ждёт подтверждения
status-confirmed = подтверждена
status-completed = завершена
status-cancelled = отменена
status-rejected = отклонена
status-expired = истекла
guest-approved = 🎉 Отличные новости! Ваше бронирование #{ $id } подтверждено.
    Общая стоимость: { $price }. Предоплата: { $prepayment }.
    📩 Перед заездом мы пришлём сюда маршрут и как попасть в дом. Вопросы — кнопка «Связаться с администратором» в меню.
guest-rejected = ⚠️ Ваше бронирование #{ $id } отклонено. Администратор свяжется с вами, чтобы всё уточнить.
guest-amount-changed = Администратор изменил { $field ->
    [price] стоимость
   *[prepayment] предоплату
} бронирования #{ $id }: теперь { $amount }.
inform-confirmed = ✅ Подтверждена бронь #{ $id }: { $tariff }, { $start } — { $end }, гостей: { $guests }, { $price }.

# Мастер бронирования. Пользовательский текст экранируется кодом.
menu-book = Забронировать 🏡
command-book = Забронировать дом
booking-back = ⬅️ Назад
booking-yes = Да
booking-no = Нет
booking-skip = Пропустить ➡️
booking-pick-tariff = 🏡 Выберите тариф для бронирования:
booking-pick-bedroom = 🛏 Какую спальню вы выбираете?
bedroom-white = 🛏 Белая спальня
bedroom-green = 🌿 Зелёная спальня
bedrooms-both = обе спальни
booking-ask-photoshoot = 📸 Добавить фотосессию (2 часа с нашим фотографом) за { $price }?
booking-pick-guests = 👥 Сколько будет гостей? В тариф входит { $included }; за каждого следующего — { $price } (до { $max }).
booking-pick-start-date = 📅 Выберите дату заезда (⛔ — в этот день нет свободного времени):
booking-windows = ⏰ Этот тариф: заезд с понедельника по четверг, всё пребывание в пределах { $windows }.
booking-pick-start-time = ⏰ Время заезда { $date } (⛔ — занято или недоступно для тарифа):
booking-day-full = К сожалению, { $date } нет свободного времени для заезда. Вернитесь и выберите другой день.
booking-pick-finish-date = 📅 Заезд { $start }. Выберите дату выезда:
booking-pick-finish-time = ⏰ Время выезда { $date }:
booking-day-unavailable = Этот день недоступен: он занят, уже прошёл или не подходит для тарифа.
booking-hour-busy = Это время недоступно: оно занято (с учётом уборки) или не подходит для тарифа.
booking-ask-comment = 💬 Хотите оставить комментарий или пожелание? Напишите его или нажмите «Пропустить».
booking-comment-too-long = Комментарий слишком длинный: пожалуйста, уложитесь в 1000 символов.
booking-keep = Оставить ✅
booking-remove-comment = Убрать комментарий
booking-remove-promo = Убрать промокод
booking-current-comment = Ваш комментарий: «{ $text }». Напишите новый, чтобы изменить его.
booking-current-promo = Применён: { $text }. Напишите другой код, чтобы заменить его.
booking-current-transfer = Адрес для трансфера: { $text }. Напишите новый, чтобы изменить его.
booking-ask-promo = 🎟 Есть промокод? Введите его или нажмите «Пропустить».
promo-applied = ✅ Промокод применён! Скидка — в итоговой сумме.
promo-not-found = ❌ Такого промокода нет. Проверьте его и попробуйте ещё раз или нажмите «Пропустить».
promo-not-for-these-dates = ❌ Промокод не действует на выбранные даты. Нажмите «Пропустить» или введите другой.
promo-not-now = ❌ Промокод сейчас нельзя использовать.
promo-beyond-horizon = ❌ Промокод не действует на такие далёкие даты.
promo-wrong-tariff = ❌ Промокод не действует для выбранного тарифа.
promo-used-up = ❌ Промокод уже израсходован.
booking-ask-wine = 🍷 Мы бесплатно подготавливаем вино и лёгкие закуски для тарифа Инкогнито. Какое вино вы предпочитаете?
wine-none = Не нужно вино
wine-white-sweet = Белое сладкое
wine-white-semi-sweet = Белое полусладкое
wine-white-dry = Белое сухое
wine-white-semi-dry = Белое полусухое
wine-red-sweet = Красное сладкое
wine-red-semi-sweet = Красное полусладкое
wine-red-dry = Красное сухое
wine-red-semi-dry = Красное полусухое
booking-ask-transfer = 🚗 Мы бесплатно предлагаем трансфер в дом и обратно на авто бизнес-класса. Введите ваш адрес или нажмите «Не нужно».
booking-no-transfer = Не нужно
transfer-too-short = Адрес слишком короткий: нужно хотя бы 5 символов.
transfer-too-long = Адрес слишком длинный: пожалуйста, уложитесь в 500 символов.
summary-head = 📋 <b>Ваше бронирование</b>
    Тариф: { $tariff }
    Заезд: { $start }
    Выезд: { $end } ({ $hours } ч)
    Гостей: { $guests }
    Включено: { $included }
line-comment = 💬 Комментарий: { $text }
line-wine = 🍷 Вино: { $text }
line-transfer = 🚗 Трансфер от: { $text }
price-line = • { $what }: { $amount }
price-base-hours = проживание, { $hours } ч
price-base-extra-hours = проживание, { $hours } ч (из них { $extra } доп.)
price-base-days = { $days ->
    [one] { $days } сутки
   *[other] { $days } суток
}{ $extra ->
    [0] {""}
   *[other] {" "}+ { $extra } ч
}
price-base-special = специальная цена: { $name }
price-extra-guests = дополнительные гости ({ $n })
price-discount = промокод { $code }, −{ $percent } %
price-total = 💰 <b>Итого: { $amount }</b>
price-prepayment = 🔹 Предоплата: { $amount } ({ $percent } %)
price-holiday = 🎉 { $holiday }: требуется полная предоплата.
summary-confirm = Всё верно? Нажмите «Перейти к оплате», чтобы закрепить эти даты за вами.
booking-confirm = ✅ Перейти к оплате
booking-ask-contact = 📲 Ваш контакт для администратора: номер телефона (+375 29 123-45-67) или @username в Telegram.
booking-use-contact = Использовать { $contact }
contact-bad-phone = Это не белорусский номер. Введите его как +375 29 123-45-67 или укажите @username в Telegram.
contact-bad-username = Имя в Telegram — это @ и 5–32 латинских букв, цифр или _. Проверьте, пожалуйста.
booking-use-buttons = Пожалуйста, воспользуйтесь кнопками ниже.
booking-text-expected = Пожалуйста, отправьте это текстом.
booking-slot-taken = 😔 Это время только что забронировали. Остальное сохранено — выберите, пожалуйста, другую дату.
booking-too-late = ⏳ Выбранное время заезда уже слишком близко. Остальное сохранено — выберите дату ещё раз.
booking-beyond-horizon = ⏳ Выбранные даты теперь дальше, чем мы принимаем бронирования. Остальное сохранено — пожалуйста, выберите дату ещё раз.
booking-length-changed = ⏳ Длительность пребывания больше не подходит под правила тарифа. Остальное сохранено — пожалуйста, выберите даты ещё раз.
booking-times-changed = ⏳ Выбранные дни или часы больше не подходят под правила тарифа. Остальное сохранено — пожалуйста, выберите даты ещё раз.
booking-guests-changed = 👥 Число гостей больше не подходит под вместимость дома. Остальное сохранено — пожалуйста, выберите его ещё раз.
payment-screen = ✅ Бронь №{ $id } закреплена за вами до { $deadline }.

    💰 Общая сумма: { $price }
    🔹 Предоплата: { $prepayment }
    💡 Предоплата не возвращается при отмене бронирования, но вы можете перенести бронь на другую дату.

    💳 Оплата переводом на карту ({ $bank }): <code>{ $card }</code>
payment-send-receipt = 📎 Затем отправьте сюда чек: фото, скриншот или документ (PDF).
receipt-expected = Пожалуйста, отправьте чек фотографией, скриншотом или документом (PDF).
receipt-thanks = ✨ Спасибо за доверие к The Secret House! ✨ Мы получили чек и скоро подтвердим бронирование.
receipt-late-accepted = ⏳ Время брони истекло, но даты ещё были свободны: чек передан администратору, он скоро подтвердит бронирование.
receipt-late-slot-lost = ⚠️ Время брони истекло, и эти даты уже заняли. Чек передан администратору — он свяжется с вами, чтобы подобрать другие даты или вернуть оплату.
receipt-not-needed = Эта бронь больше не ждёт чека (по ней уже есть решение или она отменена). Если вы оплатили — напишите администратору, кнопка в меню.
receipt-dates = Бронь №{ $id }: { $start } — { $end }
hold-released = Готово: неоплаченная бронь отменена, даты снова свободны.
admin-late-receipt = ⚠️ Чек после окончания времени брони (даты были ещё свободны).
admin-late-receipt-slot-lost = ⚠️ Чек после окончания времени брони — даты ЗАНЯТЫ другой бронью. Решите вопрос оплаты с гостем.
admin-receipt-additional = 📎 Дополнительный чек от гостя (первый — в предыдущем сообщении).
receipt-additional = 📎 Спасибо! Мы передали это администратору как дополнительный чек к вашей брони.
receipt-wrong-file = Этот файл не может быть чеком. Пришлите, пожалуйста, фото или скриншот чека либо PDF-документ.
hold-expired = ⏳ Время брони №{ $id } ({ $start } — { $end }) истекло без чека, даты снова свободны. Если вы уже оплатили — всё равно отправьте чек сюда: он попадёт к администратору, оплата не потеряется.
booking-ask-sauna = 🧖 Добавить сауну за { $price }?
booking-ask-secret-room = 🗝 Добавить секретную комнату за { $price }?
booking-ask-second-bedroom = 🛏 Добавить вторую спальню за { $price }?
booking-pick-guests-included = 👥 Сколько будет гостей? До { $max }, все включены в стоимость.
booking-unknown-command = Такой команды нет. Список команд — /help.
hold-replaced = ℹ️ Ваша предыдущая неоплаченная бронь снята: одновременно можно держать одну неоплаченную бронь. Если нужны обе даты — оплатите одну, прежде чем бронировать следующую.

staff-problems = ⚠️ Не все уведомления для персонала доставляются:
    { $problems }
    Уведомления ждут и будут отправлены, как только это исправят.
staff-problem-unset = { $key } не задан.
staff-problem-unreachable = { $key } = { $chat } недоступен: добавьте бота в эту группу или нажмите /start в боте с этого аккаунта.

## Самообслуживание: мои бронирования, отмена, перенос
menu-my-bookings = Мои бронирования 👁️
menu-cancel-booking = Отменить ❌
menu-move-booking = Перенести 🔄
command-my = Мои бронирования
self-service-use-buttons = Пожалуйста, воспользуйтесь кнопками ниже (или /cancel, чтобы выйти).
my-bookings-empty = У вас пока нет бронирований. Забронируем дом?
my-bookings-head = 👁️ <b>Ваши бронирования</b> (страница { $page } из { $pages })
my-bookings-history = 🕰 <b>Прошедшие и отменённые</b>
my-bookings-previous = ◀️ Раньше
my-bookings-next = Ещё ▶️
my-booking-card = <b>№{ $id }</b> · { $status }
    📅 { $start } — { $end }
    🏡 { $tariff } · гостей: { $guests }
    ✨ { $extras }
    💰 { $price }, предоплата { $prepayment }
my-booking-next-pay = 👉 Оплатите предоплату до { $deadline } и пришлите чек: кнопка «Оплатить».
my-booking-next-wait = 👉 Администратор проверяет ваш чек; ответ придёт сюда.
my-booking-next-confirmed = 👉 Его можно отменить или перенести (осталось переносов: { $moves }).
my-booking-next-no-moves = 👉 Его можно отменить; чтобы перенести ещё раз, свяжитесь с администратором.
my-bookings-pay = 💳 Оплатить №{ $id }
my-bookings-move = 🔄 Перенести №{ $id }
my-bookings-cancel = ❌ Отменить №{ $id }
cancel-pick = ❌ Какое бронирование отменить?
cancel-none = У вас нет бронирований, которые можно отменить (только те, что ещё не начались).
cancel-confirm-paid = ⚠️ Отменить это бронирование? Предоплата { $prepayment } не возвращается.
cancel-confirm-unpaid = Отменить это бронирование? Оно ещё не оплачено, вы ничего не теряете.
cancel-yes = Да, отменить №{ $id }
cancel-done = ❌ Бронирование №{ $id } отменено, даты снова свободны. Вопросы — «Связаться с администратором» в меню.
move-pick = 🔄 Какое бронирование перенести?
move-none = У вас нет подтверждённых бронирований, которые можно перенести (только подтверждённые и ещё не начавшиеся).
move-no-moves = Это бронирование уже перенесено столько раз, сколько можно гостю. Пожалуйста, свяжитесь с администратором — он поможет.
move-head = 🔄 <b>Перенос бронирования №{ $id }</b> (сейчас { $start } — { $end })
move-confirm = Новые даты: { $start } — { $end }
move-price-same = 💰 Цена не меняется: { $price }.
move-price-more = 💰 Новые даты стоят { $price } (было { $old }): на { $more } больше, доплата при заезде. Предоплата внесена: { $prepayment }; при заезде: { $due }.
move-price-less = 💰 Новые даты стоят { $price } (было { $old }). Предоплата { $prepayment } не возвращается; при заезде: { $due }.
move-yes = Да, перенести №{ $id }
move-done = ✅ Бронирование №{ $id } перенесено: { $start } — { $end }. Цена { $price }, при заезде { $due }.
move-slot-taken = Извините, это время только что заняли. Пожалуйста, выберите другие даты.
staff-guest-cancelled = ❌ Гость отменил бронирование №{ $id }.
staff-guest-moved = 🔄 Гость перенёс бронирование №{ $id } с { $old_start } — { $old_end }; цена { $old_price } → { $price }.

## Команды администратора
admin-command-pending = Брони, ждущие решения
admin-pending-none = Ни бронь, ни покупка сертификата не ждут решения.
admin-pending = Броней и покупок сертификатов, ждущих решения: { $count }. Их сообщения для подтверждения — ниже.

## Инструкции к заезду, завершение, истечение сроков (задачи)
instructions-route = 🏡 <b>Ваше бронирование №{ $id } начинается { $start }.</b> Как добраться:
    📍 ст. Юбилейное-68, ул. Сосновая, д. 2. После железнодорожного переезда проезжайте около 500 м до оранжевого магазина, поверните налево и следуйте по указателю «Юбилейное-68».
    🗺 <a href="{ $yandex }">Яндекс Карты</a> · <a href="{ $google }">Google Maps</a>
    Если по дороге нужна помощь: { $contact }
instructions-checkin = 🔑 <b>Самостоятельное заселение.</b> Ключница — снаружи у забора, код <b>{ $code }</b>. В ней ключи от калитки и дома.
    В течение первых 30 минут подпишите, пожалуйста, договор (он на кухонном острове вместе с ручкой) и положите его с оплатой в розовом конверте в ящик в доме.
instructions-checkin-no-code = 🔑 <b>Самостоятельное заселение.</b> Ключница — снаружи у забора; её код администратор пришлёт вам до заезда. В ней ключи от калитки и дома.
    В течение первых 30 минут подпишите, пожалуйста, договор (он на кухонном острове вместе с ручкой) и положите его с оплатой в розовом конверте в ящик в доме.
instructions-sauna = 🧖 <b>Сауна:</b> включите автомат «Сауна» в щитке справа от входа; она будет готова примерно через час. После использования, пожалуйста, выключите.
staff-keybox-missing = ⚠️ Инструкции к заезду по бронированию №{ $id } ушли БЕЗ кода ключницы (он не задан). Задайте код командой /keybox в личном чате с ботом и пришлите гостю код.
feedback-request = 🙏 Спасибо, что были у нас (бронирование №{ $id })! Как вам отдых? Ваш отзыв нам очень поможет, а вы получите личный промокод на следующий визит.
feedback-button = ⭐ Оставить отзыв
gift-expired = ⌛ Срок действия вашего подарочного сертификата { $code } истёк, им больше нельзя воспользоваться. Вопросы — «Связаться с администратором» в меню.
admin-command-keybox = Код ключницы
keybox-current = 🔑 Код ключницы: { $masked }
keybox-not-set = 🔑 Код ключницы ещё не задан: в инструкциях к заезду сказано, что его пришлёт администратор.
keybox-change = ✏️ Изменить
keybox-cancel = Отмена
keybox-enter = Введите новый код ключницы: ровно 4 цифры.
keybox-bad = Код — это ровно 4 цифры, например 0427. Введите его ещё раз или нажмите «Отмена».
keybox-saved = ✅ Код ключницы изменён.
keybox-cancelled = Код ключницы не изменён.
keybox-private-only = Код ключницы показывается и меняется только в личном чате с ботом.

## Анкета отзыва
feedback-head = 📝 Вопрос { $n } из { $total }
feedback-rating-0 = Насколько отдых оправдал ваши ожидания? (1–10)
feedback-rating-1 = Насколько комфортно было в доме? (1–10)
feedback-rating-2 = Как вы оцениваете чистоту? (1–10)
feedback-rating-3 = Как вам наше общение и поддержка? (1–10)
feedback-rating-4 = Как вам расположение и окрестности? (1–10)
feedback-rating-5 = Насколько вероятно, что вы порекомендуете нас друзьям? (1–10)
feedback-text-0 = Что понравилось больше всего? Напишите пару слов или нажмите «Пропустить».
feedback-text-1 = Что нам улучшить? Напишите пару слов или нажмите «Пропустить».
feedback-text-2 = Отзыв, который мы можем опубликовать (по желанию). Напишите его или нажмите «Пропустить».
feedback-too-long = Это длиннее 1000 символов. Пожалуйста, сократите.
feedback-already = Отзыв об этом отдыхе уже оставлен. Спасибо!
feedback-thanks = 🙏 Спасибо за ваш отзыв!
    🎁 Ваш личный промокод на скидку 10 %: <b>{ $code }</b> — действует до { $until }, один раз, для любого тарифа.
staff-feedback = 📝 <b>Отзыв по бронированию №{ $id }</b> от { $guest }
feedback-short-0 = Ожидания
feedback-short-1 = Комфорт
feedback-short-2 = Чистота
feedback-short-3 = Общение
feedback-short-4 = Расположение
feedback-short-5 = Порекомендует
feedback-short-text-0 = Понравилось
feedback-short-text-1 = Улучшить
feedback-short-text-2 = Публичный отзыв

## Без предоплаты
booking-nothing-owed = ✅ По бронированию №{ $id } ({ $start } — { $end }) ничего не нужно оплачивать заранее, поэтому шага оплаты нет: оно сразу отправлено администратору на подтверждение. Ответ придёт сюда.
admin-nothing-owed = 🆓 Предоплата не требуется (всё покрывает промокод на 100 % или подарочный сертификат): чека нет. Подтвердите или отклоните.

## Подарочные сертификаты: покупка, подтверждение, использование.
menu-gift = Подарить сертификат 🎁
gift-pick-tariff = 🎁 Подарочный сертификат — это проживание по выбранному тарифу с выбранными дополнениями; даты выбирает получатель. Выберите тариф:
gift-covers = «{ $tariff }»: { $hours } ч, { $guests ->
    [one] { $guests } гость
    [few] { $guests } гостя
   *[other] { $guests } гостей
    }{ $extras }
gift-summary-head = 🎁 <b>Подарочный сертификат</b>
    Включает: { $covers }
gift-summary-how = После оплаты и подтверждения администратором вы получите здесь код сертификата. Срок действия — { $valid }; получатель бронирует через бота («Забронировать» → «Подарочный сертификат») и доплачивает только то, что сертификат не покрывает (дополнительные часы и гостей, другие услуги, цены особых дат).
gift-payment-screen = 🎁 Подарочный сертификат: к оплате { $price }.

    💳 { $bank }, карта <code>{ $card }</code>
gift-receipt-thanks = 🙏 Спасибо! Оплата сертификата №{ $id } передана администратору. После подтверждения вы получите здесь код сертификата.
gift-approved = 🎁 Ваш подарочный сертификат №{ $id } готов!
    Код: <code>{ $code }</code>
    Включает: { $covers }
    Действует до { $expires }.
    Как использовать: «Забронировать» → «Подарочный сертификат» в меню и ввести код.
gift-rejected = ⚠️ Оплата подарочного сертификата №{ $id } не подтверждена. Администратор свяжется с вами.
admin-gift = 🎁 <b>Подарочный сертификат #{ $id }</b> — { $status }
    Покупатель: { $buyer }, контакт: { $contact }
    Включает: { $covers }
    Цена: { $price }
    Код: { $code } · действует до { $expires }
admin-gift-already = Ничего не изменено: сертификат уже «{ $status }».
admin-line-gift = 🎁 Сертификат #{ $id } оплачивает стандартное проживание; цена выше — доплата гостя.
gift-status-awaiting_approval = ждёт подтверждения
gift-status-active = действует
gift-status-redeemed = использован
gift-status-expired = истёк
gift-status-rejected = отклонён
booking-gift-tariff = 🎁 Подарочный сертификат
booking-ask-gift-code = 🎁 Введите код подарочного сертификата (12 символов, например ABCD-EFGH-JKMN; регистр, пробелы и дефисы не важны).
booking-current-gift = Принят: <code>{ $code }</code>
gift-code-accepted = 🎉 Сертификат принят! Включает: { $covers }
    Выберите остальное — доплатить нужно только то, что сертификат не покрывает.
gift-code-unknown = ❌ Сертификата с таким кодом нет. Проверьте код и введите его ещё раз.
gift-code-not-approved = ⏳ Оплата этого сертификата ещё не подтверждена. Попробуйте снова, когда получите код от бота.
gift-code-expired = ⌛ Срок действия сертификата истёк, использовать его нельзя.
gift-code-used = Этот сертификат уже использован для бронирования.
gift-code-reserved = Этот сертификат сейчас используется в другом бронировании, которое ждёт оплаты или подтверждения. Если это ошибка — «Связаться с администратором» в меню.
gift-code-gone = 😔 Сертификат больше нельзя использовать для этого бронирования (истёк срок или его заняло другое бронирование). Комментарий и контакт сохранены.
gift-code-pause = ✋ Слишком много неверных кодов. Подождите { $minutes ->
    [one] { $minutes } минуту
    [few] { $minutes } минуты
   *[other] { $minutes } минут
    } и попробуйте снова.
price-gift = подарочный сертификат { $code }
price-nothing-owed = ✅ Доплачивать ничего не нужно: бронирование сразу уходит администратору на подтверждение.
gift-valid-months = { $n ->
    [one] { $n } месяц
    [few] { $n } месяца
   *[other] { $n } месяцев
    }
gift-valid-days = { $n ->
    [one] { $n } день
    [few] { $n } дня
   *[other] { $n } дней
    }
my-booking-gift = 🎁 Оплачено подарочным сертификатом: цена — доплата за то, что он не покрывает.

admin-command-stats = Статистика
stats-all-time = Всё время
stats-this-year = Этот год
stats-this-month = Этот месяц
admin-stats = 📊 <b>Статистика: { $period }</b>
    Бронирования (по дате заезда): { $total } — { $by_status }
    Выручка: подтверждённые { $confirmed }, завершённые { $completed }
    Средняя цена: { $average } · гостей: { $guests }
    Продано часов: { $hours } · загрузка: { $occupancy }
    Пользователи: всего { $users }, с бронированиями { $with_bookings }, доступны { $active }
    Подарочные сертификаты: продано { $gifts_sold } на { $gifts_revenue }, использовано { $gifts_redeemed }
    Использовано промокодов: { $promo }

## Администратор: промокоды.
admin-command-promo-new = Новый промокод
admin-command-promo-list = Промокоды
promo-new-private-only = 🔒 Промокоды создаются в личном чате со мной (на шагах нужно вводить текст): откройте его и отправьте там /promo_new.
promo-ask-code = 🎟 Новый промокод (1/6): введите название — 3–30 букв, цифр, «-» или «_» — или сгенерируйте.
promo-generate = 🎲 Сгенерировать
promo-ask-kind = 🎟 (2/6) Что означают даты?
promo-kind-booking_dates = заезд должен быть в эти даты
promo-kind-usage_period = использовать можно в эти даты (любой заезд)
promo-ask-dates = 🎟 (3/6) Введите даты: 01.06.2030 - 30.06.2030 (или один день: 01.06.2030).
promo-ask-percent = 🎟 (4/6) Скидка в процентах, 1–100:
promo-ask-tariffs = 🎟 (5/6) Для каких тарифов? Отметьте нужные и нажмите «Готово» — или «все тарифы».
promo-all-tariffs = все тарифы
promo-tariffs-done = ✅ Готово
promo-ask-max-uses = 🎟 (6/6) Сколько раз всего его можно использовать? Введите число или нажмите «Без ограничений».
promo-unlimited = ♾ Без ограничений
promo-confirm = Создать этот промокод?
promo-create = ✅ Создать
promo-cancel = ✖️ Отмена
promo-no-tariffs = Отметьте хотя бы один тариф или нажмите «все тарифы».
promo-created = ✅ Промокод { $code } создан и уже действует. Его видно в /promo_list.
promo-code-taken = ❌ Активный промокод с таким названием уже есть. Введите другое или сгенерируйте.
promo-bad-code = ❌ Название — 3–30 букв, цифр, «-» или «_», без пробелов.
promo-bad-dates = ❌ Введите даты так: 01.06.2030 - 30.06.2030, или один день: 01.06.2030.
promo-dates-reversed = ❌ Последний день раньше первого.
promo-dates-past = ❌ Эти даты уже прошли.
promo-bad-percent = ❌ Скидка — целое число от 1 до 100.
promo-bad-max-uses = ❌ Введите целое число от 1 до 100000 или нажмите «Без ограничений».
promo-line = <b>{ $code }</b> — { $percent } %, { $kind } { $from } – { $to }
    Тарифы: { $tariffs } · использован { $uses } из { $max }
promo-list-empty = Активных промокодов нет. /promo_new создаст новый.
promo-list-head = 🎟 Активные промокоды: { $count } (страница { $page } из { $pages })
promo-deactivate = 🚫 Отключить { $code }
promo-deactivated = Отключён.
promo-already-inactive = Уже отключён.

inform-cancelled-by-admin = ❌ Администратор отменил бронь #{ $id }: { $tariff }, { $start } — { $end }, гостей: { $guests }, { $price }.
guest-cancelled-by-admin = ❌ Ваше бронирование #{ $id } отменено администратором. Вопросы — «Связаться с администратором» в меню.

admin-command-bookings = Бронирования
bookings-filter-open = открытые
bookings-filter-pending = ждут оплаты
bookings-filter-awaiting = ждут подтверждения
bookings-filter-confirmed = подтверждённые
bookings-filter-week = эта неделя
admin-bookings-head = 📋 Бронирования — { $filter }: { $count } (страница { $page } из { $pages })
admin-bookings-line = <b>#{ $id }</b> · { $status } · { $start } → { $end }
    { $tariff } · гостей: { $guests } · { $price } · { $contact }
admin-bookings-back = ⬅️ К списку
admin-history = 🕓 История:
admin-cancel = ❌ Отменить
admin-complete = 🏁 Завершить
admin-receipt = 📎 Чек
admin-cancel-confirm = ❓ Отменить бронь #{ $id }? Гость и лента для персонала получат сообщение, время освободится.
admin-cancel-yes = ✅ Да, отменить
admin-cancel-keep = ⬅️ Нет, оставить
admin-receipt-resent = Чек отправлен в этот чат.
admin-no-receipt = У этой брони нет чека.

admin-command-broadcast = Рассылка
broadcast-private-only = 🔒 Рассылка готовится в личном чате со мной: откройте его и отправьте там /broadcast.
broadcast-ask-audience = 📣 Рассылка: кому отправить?
broadcast-audience-all = Всем ({ $count })
broadcast-audience-with_bookings = Гостям с бронированиями ({ $count })
broadcast-audience-without_bookings = Пользователям без бронирований ({ $count })
broadcast-ask-message = 📣 Отправьте сообщение: текст или фото с подписью. Оно уйдёт ровно в таком виде.
broadcast-text-or-photo = Пожалуйста, отправьте текст или фото с подписью.
broadcast-too-long = Слишком длинно: текст — не больше 4096 символов, подпись — 1024.
broadcast-preview = ☝️ Так это будет выглядеть. Получателей: { $count }. Отправить?
broadcast-send = 📣 Отправить
broadcast-already-running = ⏳ Другая рассылка ещё идёт: остановите её или дождитесь окончания.
broadcast-progress = 📣 Рассылка #{ $id } — { $status ->
    [done] завершена
    [cancelled] остановлена
   *[running] идёт
    }: отправлено { $sent } из { $total }, заблокировали бота { $blocked }, ошибок { $failed }.
broadcast-stop = ⏹ Остановить
broadcast-stopped = Остановлена: больше ничего не отправляется.
broadcast-not-running = Эта рассылка уже не идёт.

admin-change-tariff = 🔁 Тариф
admin-tariff-pick = 🔁 Бронь #{ $id }: сменить тариф на…
admin-tariff-gift = Бронь, оплаченная подарочным сертификатом, сохраняет свой тариф (сертификат — на него).
admin-tariff-confirm = 🔁 Бронь #{ $id }: { $old_tariff } → { $new_tariff }
    Цена: { $old_price } → { $new_price } (те же даты, гости, услуги и промокод)
    Предоплата: { $prepayment }
admin-tariff-change = ✅ Сменить
admin-tariff-done = Готово: цена теперь { $price }.
admin-tariff-unchanged = Ничего не изменилось.
guest-tariff-changed = ℹ️ Администратор сменил тариф вашего бронирования №{ $id } на «{ $tariff }». Итого: { $price }, предоплата: { $prepayment }.

admin-move = 📅 Перенести
guest-moved-by-admin = 📅 Администратор перенёс ваше бронирование №{ $id } на { $start } — { $end }. Цена: { $price }.
staff-admin-moved = 🔄 Администратор перенёс бронирование №{ $id } с { $old_start } — { $old_end }; цена { $old_price } → { $price }.

# Собственные записи персонала в календаре: бронирования вручную, закрытые даты.
admin-command-add-booking = Добавить бронирование вручную (звонок, лично)
admin-command-block = Закрытые даты
source-bot = бот
source-phone = 📞 По телефону
source-walk-in = 🚶 Лично
source-other = 💬 Другой канал
by-hand-private-only = 🔒 Это делается в личном чате со мной (на шагах нужно вводить текст): откройте его и отправьте команду там.
by-hand-source = ➕ Бронирование вручную. Откуда оно?
by-hand-banner = ➕ <b>Бронирование вручную</b> ({ $source }) — гость не получает сообщений от бота.
by-hand-done = ✅ Бронирование №{ $id } добавлено и подтверждено: { $start } — { $end }. Цена { $price }, предоплата { $prepayment } (если договорились иначе, измените их в карточке бронирования). Для гостей эти даты заняты.
by-hand-open = 📋 Открыть бронирование
admin-line-source = ➕ Добавлено вручную: { $source }
staff-added-by-hand = ➕ Администратор { $admin } добавил бронирование №{ $id } вручную.
block-private-only = 🔒 Закрытыми датами управляют в личном чате со мной: откройте его и отправьте там /block.
block-none = 🔓 Закрытых дат нет.
block-list = 🔒 Закрытые даты (для гостей они заняты):
block-open-again = 🔓 Открыть { $first }–{ $last }
block-new = ➕ Закрыть даты
block-removed = 🔓 { $first } — { $last } снова открыты.
block-already-open = Эти даты уже открыты.
block-pick-first = 🔒 С какого дня закрыть дом? (⛔ — в этот день есть бронирование)
block-pick-last = 🔒 С { $first } по какой день (включительно)?
block-day-busy = ⛔ На эти дни есть бронирование: сначала отмените или перенесите его, или выберите другие дни.
block-ask-reason = Почему даты закрыты? (видит только персонал; например, «ремонт») Напишите или пропустите.
block-no-reason = Без причины
block-reason-too-long = Напишите причину до 200 символов или нажмите «Без причины».
block-summary = 🔒 Закрыть <b>{ $first } — { $last }</b> ({ $days } дн.)?
    Причина: { $reason }
    Гости увидят эти дни занятыми, забронировать их будет нельзя.
block-create = 🔒 Закрыть эти даты
block-created = ✅ Даты закрыты.
block-booked-then = ⛔ Не закрыто: на эти дни есть бронирования. Сначала отмените или перенесите их, или выберите другие дни.
    { $bookings }
by-hand-ask-contact = 📞 Имя гостя и номер телефона (или @username в Telegram), например «Анна +375 29 123-45-67»:
