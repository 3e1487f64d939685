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

## Multidisciplinary groups: the group, its meetings' minutes, the yearly summary.
grp-open = Состав и заседания
grp-title = Межведомственная группа
grp-summary-link = Итоги
grp-members = Состав
grp-col-person = Участник
grp-col-role = Роль в группе
grp-col-organisation = Организация
grp-meetings = Заседания
grp-no-meetings = Заседаний пока нет.
grp-col-date = Дата
grp-col-present = Присутствовали
grp-col-cases = Рассмотрено дел
grp-col-open-actions = Открытые поручения
grp-col-state = Состояние
grp-overdue = Просрочено
grp-new-meeting = Записать заседание
grp-agenda = Повестка
grp-create-meeting = Записать заседание
grp-meeting = Заседание
grp-save-agenda = Сохранить дату и повестку
grp-attendance = Присутствие
grp-present = Кто присутствовал
grp-save-attendance = Сохранить присутствие
grp-cases = Рассмотренные дела
grp-cases-hint = Только по коду дела; не вносите в протокол имена и подробности о людях.
grp-no-cases = Дела не записаны.
grp-case-code = Код дела, например HM-2026-00042
grp-add-case = Добавить дело
grp-decisions = Решения
grp-decision = Решение
grp-add-decision = Добавить решение
grp-actions = Поручения
grp-action = Поручение
grp-owner = Ответственный
grp-due = Срок
grp-done = Выполнено
grp-mark-done = Отметить выполненным
grp-add-action = Добавить поручение
grp-summary = Итоги года
grp-year = Год
grp-show = Показать
grp-sum-meetings = Проведено заседаний
grp-sum-attendance = Явка
grp-sum-average = в среднем
grp-sum-cases = Рассмотрено дел
grp-sum-decisions = Решений
grp-sum-actions = Поручений дано
grp-sum-done = Поручений выполнено
grp-sum-overdue = Поручений просрочено
groups-notice-created = Заседание записано; ниже добавьте присутствие, дела, решения и поручения.
groups-notice-saved = Сохранено.
field-mdg-case-unknown = Нет доступного вам дела с таким кодом. Проверьте код (например, HM-2026-00042).
field-mdg-case-other-region = Это дело другой области; здесь рассматриваются только дела области группы.
field-mdg-owner-required = Выберите участника, ответственного за поручение.
nrm-stats-title = Статистика направлений
nrm-stats-from = Отправлены с
nrm-stats-to = Отправлены по
nrm-stats-sent = Направлений отправлено
nrm-stats-declined = Отклонено
nrm-stats-accept-median = Медиана времени до принятия
nrm-stats-accept-p90 = 90% приняты в течение
nrm-stats-complete-median = Медиана времени до завершения
nrm-stats-complete-p90 = 90% завершены в течение
nrm-stats-hours = { $n } ч
nrm-stats-days = { $n } дн.
nrm-stats-unit-days = { " " }дн.
nrm-stats-withheld = не показано
nrm-stats-by-partner = По принимающей организации
nrm-stats-by-region = По регионам
nrm-stats-by-service = По запрошенной услуге
nrm-stats-decline-reasons = Причины отказа
nrm-stats-chart-accept = Медиана дней до принятия: { $by }
nrm-stats-no-region = Регион не указан
nrm-stats-none = В этой выборке нет направлений.
nrm-stats-suppression-note = Направления на услуги (без передачи ведения случая), отправленные за период. Числа меньше { $threshold } скрыты, и ещё одно, если скрытое можно вычислить из итога; время показано, только если его составляют не меньше { $threshold } направлений.
field-nrm-stats-period-order = Конец периода раньше его начала.
nrm-nav-referral-stats = Статистика направлений
