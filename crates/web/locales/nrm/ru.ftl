# Mayak user interface, Russian: The National Referral Mechanism: multidisciplinary groups, notifications, referral statistics.
# Loaded after ../ru.ftl; a key may be defined only once per language.

## E-mail notices: nothing but "a new item" and a link, on purpose.
mail-notice-subject = У вас новое сообщение в «Маяке»
mail-notice-body =
    Здравствуйте!

    У вас новое сообщение в «Маяке». Войдите, чтобы его увидеть:
    { $link }

    В целях безопасности в этом письме нет подробностей.
    Вы получили его, потому что в вашей учётной записи «Маяка» указан этот адрес.

## E-mail: the user's address and the outbox (administrators).
nav-mail = Эл. почта
mail-title = Исходящая почта
mail-on = Уведомления по электронной почте включены: фоновая служба передаёт очередь SMTP-серверу и, если он недоступен, повторяет попытки со всё большими паузами.
mail-off = Электронная почта выключена.
mail-off-how = Чтобы отправлять уведомления, задайте --smtp-host, --mail-from и --mail-base-url (см. руководство администратора); до тех пор они не отправляются и через два дня устаревают.
mail-lead = Каждое уведомление сообщает лишь, что в «Маяке» есть новое, и содержит ссылку; ни кода дела, ни имени, ни организации. Письма показаны здесь без текста.
mail-filter = Показать по состоянию
mail-all = Все
mail-state-queued = Ждут отправки
mail-state-sent = Отправлены
mail-state-failed = Не отправлены
mail-state-expired = Устарели
mail-empty = Здесь ничего нет.
mail-col-recipient = Получатель
mail-col-kind = О чём
mail-col-state = Состояние
mail-col-attempts = Попытки
mail-col-queued = В очереди с
mail-col-sent = Отправлено
mail-col-error = Последняя ошибка
mail-next-attempt = следующая попытка
mail-retry = Повторить
mail-retried = Письмо снова в очереди.
mail-kind-message = Письмо
mail-notice-referral-received = Получено направление
mail-notice-referral-accepted = Направление принято
mail-notice-referral-declined = Направление отклонено
mail-notice-referral-overdue = Направление просрочено
mail-notice-transfer-received = Получена передача дела
mail-notice-transfer-accepted = Передача дела принята
mail-notice-action-due = Срок поручения близок
mail-notice-action-overdue = Поручение просрочено
mail-user-title = Уведомления по электронной почте
mail-user-hint = Если указан адрес, пользователь получает письмо о каждом новом пункте своих входящих (направления, передачи, близкие и просроченные сроки); оставьте поле пустым, чтобы писем не было.
mail-user-address = Адрес электронной почты
mail-user-language = Язык писем
mail-user-save = Сохранить настройки почты
