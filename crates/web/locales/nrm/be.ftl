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
