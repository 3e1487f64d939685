# Mayak user interface, Belarusian: The National Referral Mechanism: multidisciplinary groups, notifications, referral statistics.
# Loaded after ../be.ftl; a key may be defined only once per language.

## E-mail notices: nothing but "a new item" and a link, on purpose.
mail-notice-subject = У вас новае паведамленне ў «Маяку»
mail-notice-body =
    Добры дзень!

    У вас новае паведамленне ў «Маяку». Увайдзіце, каб яго ўбачыць:
    { $link }

    У мэтах бяспекі ў гэтым лісце няма падрабязнасцей.
    Вы атрымалі яго, таму што ў вашым уліковым запісе «Маяка» пазначаны гэты адрас.

## E-mail: the user's address and the outbox (administrators).
nav-mail = Эл. пошта
mail-title = Выходная пошта
mail-on = Апавяшчэнні па электроннай пошце ўключаны: фонавая служба перадае чаргу SMTP-серверу і, калі ён недаступны, паўтарае спробы з усё большымі паўзамі.
mail-off = Электронная пошта выключана.
mail-off-how = Каб адпраўляць апавяшчэнні, задайце --smtp-host, --mail-from і --mail-base-url (гл. кіраўніцтва адміністратара); да таго часу яны не адпраўляюцца і праз два дні састарэюць.
mail-lead = Кожнае апавяшчэнне паведамляе толькі, што ў «Маяку» ёсць новае, і змяшчае спасылку; ні кода справы, ні імя, ні арганізацыі. Лісты паказаны тут без тэксту.
mail-filter = Паказаць па стане
mail-all = Усе
mail-state-queued = Чакаюць адпраўкі
mail-state-sent = Адпраўлены
mail-state-failed = Не адпраўлены
mail-state-expired = Састарэлі
mail-empty = Тут нічога няма.
mail-col-recipient = Атрымальнік
mail-col-kind = Пра што
mail-col-state = Стан
mail-col-attempts = Спробы
mail-col-queued = У чарзе з
mail-col-sent = Адпраўлена
mail-col-error = Апошняя памылка
mail-next-attempt = наступная спроба
mail-retry = Паўтарыць
mail-retried = Ліст зноў у чарзе.
mail-kind-message = Ліст
mail-notice-referral-received = Атрымана накіраванне
mail-notice-referral-accepted = Накіраванне прынята
mail-notice-referral-declined = Накіраванне адхілена
mail-notice-referral-overdue = Накіраванне пратэрмінавана
mail-notice-transfer-received = Атрымана перадача справы
mail-notice-transfer-accepted = Перадача справы прынята
mail-notice-action-due = Тэрмін даручэння блізкі
mail-notice-action-overdue = Даручэнне пратэрмінавана
mail-user-title = Апавяшчэнні па электроннай пошце
mail-user-hint = Калі пазначаны адрас, карыстальнік атрымлівае ліст пра кожны новы пункт сваіх уваходных (накіраванні, перадачы, блізкія і пратэрмінаваныя тэрміны); пакіньце поле пустым, каб лістоў не было.
mail-user-address = Адрас электроннай пошты
mail-user-language = Мова лістоў
mail-user-save = Захаваць налады пошты

## Multidisciplinary groups: the group, its meetings' minutes, the yearly summary.
grp-open = Склад і пасяджэнні
grp-title = Міжведамасная група
grp-summary-link = Вынікі
grp-members = Склад
grp-col-person = Удзельнік
grp-col-role = Роля ў групе
grp-col-organisation = Арганізацыя
grp-meetings = Пасяджэнні
grp-no-meetings = Пасяджэнняў пакуль няма.
grp-col-date = Дата
grp-col-present = Прысутнічалі
grp-col-cases = Разгледжана спраў
grp-col-open-actions = Адкрытыя даручэнні
grp-col-state = Стан
grp-overdue = Пратэрмінавана
grp-new-meeting = Запісаць пасяджэнне
grp-agenda = Парадак дня
grp-create-meeting = Запісаць пасяджэнне
grp-meeting = Пасяджэнне
grp-save-agenda = Захаваць дату і парадак дня
grp-attendance = Прысутнасць
grp-present = Хто прысутнічаў
grp-save-attendance = Захаваць прысутнасць
grp-cases = Разгледжаныя справы
grp-cases-hint = Толькі па кодзе справы; не ўносьце ў пратакол імёны і падрабязнасці пра людзей.
grp-no-cases = Справы не запісаны.
grp-case-code = Код справы, напрыклад HM-2026-00042
grp-add-case = Дадаць справу
grp-decisions = Рашэнні
grp-decision = Рашэнне
grp-add-decision = Дадаць рашэнне
grp-actions = Даручэнні
grp-action = Даручэнне
grp-owner = Адказны
grp-due = Тэрмін
grp-done = Выканана
grp-mark-done = Адзначыць выкананым
grp-add-action = Дадаць даручэнне
grp-summary = Вынікі года
grp-year = Год
grp-show = Паказаць
grp-sum-meetings = Праведзена пасяджэнняў
grp-sum-attendance = Яўка
grp-sum-average = у сярэднім
grp-sum-cases = Разгледжана спраў
grp-sum-decisions = Рашэнняў
grp-sum-actions = Даручэнняў дадзена
grp-sum-done = Даручэнняў выканана
grp-sum-overdue = Даручэнняў пратэрмінавана
groups-notice-created = Пасяджэнне запісана; ніжэй дадайце прысутнасць, справы, рашэнні і даручэнні.
groups-notice-saved = Захавана.
field-mdg-case-unknown = Няма даступнай вам справы з такім кодам. Праверце код (напрыклад, HM-2026-00042).
field-mdg-case-other-region = Гэта справа іншай вобласці; тут разглядаюцца толькі справы вобласці групы.
field-mdg-owner-required = Выберыце ўдзельніка, адказнага за даручэнне.
nrm-stats-title = Статыстыка накіраванняў
nrm-stats-from = Адпраўлены з
nrm-stats-to = Адпраўлены па
nrm-stats-sent = Накіраванняў адпраўлена
nrm-stats-declined = Адхілена
nrm-stats-accept-median = Медыяна часу да прыняцця
nrm-stats-accept-p90 = 90% прыняты на працягу
nrm-stats-complete-median = Медыяна часу да завяршэння
nrm-stats-complete-p90 = 90% завершаны на працягу
nrm-stats-hours = { $n } г
nrm-stats-days = { $n } дз.
nrm-stats-unit-days = { " " }дз.
nrm-stats-withheld = не паказана
nrm-stats-by-partner = Па арганізацыі, якая прымае
nrm-stats-by-region = Па рэгіёнах
nrm-stats-by-service = Па запытанай паслузе
nrm-stats-decline-reasons = Прычыны адмовы
nrm-stats-chart-accept = Медыяна дзён да прыняцця: { $by }
nrm-stats-no-region = Рэгіён не ўказаны
nrm-stats-none = У гэтай выбарцы няма накіраванняў.
nrm-stats-suppression-note = Накіраванні на паслугі (без перадачы вядзення выпадку), адпраўленыя за перыяд. Лікі меншыя за { $threshold } схаваны, і яшчэ адзін, калі схаваны можна вылічыць з выніку; час паказаны, толькі калі яго складаюць не менш за { $threshold } накіраванняў.
field-nrm-stats-period-order = Канец перыяду раней за яго пачатак.
nrm-nav-referral-stats = Статыстыка накіраванняў
