# Інтэрфейс «Маяка»: беларуская мова.
app-name = Маяк
skip-to-content = Перайсці да асноўнага зместу
demo-banner = Дэманстрацыйны рэжым: усе людзі і запісы тут выдуманыя.
lang-switch-label = Мова
nav-label = Асноўная навігацыя
nav-prevention = Прафілактыка
nav-prosecution = Пераслед
nav-protection = Абарона
nav-partnership = Партнёрства
nav-administration = Адміністраванне
nav-partners = Даведнік партнёраў
nav-groups = Міждысцыплінарныя групы
nav-reference = Даведнікі
footer-hotline = Гарачая лінія па бяспечным выездзе за мяжу: 8 801 201 5555 (бясплатна), 113 (кароткі нумар), штодня з 8:00 да 20:00.
footer-about = «Маяк» — адкрытае праграмнае забеспячэнне нацыянальнай сістэмы процідзеяння гандлю людзьмі: прафілактыка, пераслед, абарона і партнёрства.
yes = Так
filter-all = Усе
filter-apply = Ужыць

home-title = Процідзеянне гандлю людзьмі — ад пачатку да канца
home-lead = «Маяк» аб'ядноўвае гарачую лінію, вядзенне выпадкаў, рэабілітацыйны цэнтр, навучальны цэнтр і арганізацыі-партнёры ва ўсіх рэгіёнах Беларусі і беражэ бяспеку людзей, якім дапамагае.
hotline-heading = Гарачая лінія па бяспечным выездзе
hotline-free-line = бясплатная лінія па Беларусі
hotline-abroad-line = званкі з-за мяжы і з мабільных
hotline-short-number = кароткі нумар
hotline-hours = Кансультанты адказваюць штодня з 8:00 да 20:00. Кансультацыі бясплатныя і ананімныя.
home-4p-heading = Чатыры кірункі
home-prevention-text = Гарачая лінія па бяспечным выездзе, анлайн-кансультацыі, інфармацыйныя кампаніі і тэсты для самаправеркі.
home-prosecution-text = Навучальны цэнтр для спецыялістаў, скрынінг паводле індыкатараў МАП і ідэнтыфікацыя пацярпелых у адпаведнасці з законам.
home-protection-text = Вядзенне выпадкаў пацярпелых і асоб, якія маглі пацярпець: патрэбы, дапамога, згода і рэабілітацыйны цэнтр.
home-partnership-text = Нацыянальны механізм перанакіравання: арганізацыі-партнёры, перанакіраванні, рэгіянальныя міждысцыплінарныя групы і сетка НДА.
home-glance-heading = Коратка ў лічбах
home-figure-organisations = Арганізацыі-партнёры
home-figure-ngos = НДА ў сетцы
home-figure-cities = { $plural ->
    [one] у { $count } горадзе
   *[other] у { $count } гарадах
}
home-figure-groups = Рэгіянальныя міждысцыплінарныя групы

reference-title = Даведнікі
reference-lead = Кантраляваныя пералікі са стабільнымі кодамі са стандартаў (HTCDS, CTDC, ISO 3166) і назвамі на трох мовах. Выведзеныя з ужытку запісы застаюцца ў старых справах, але іх нельга выбраць для новых.
reference-col-list = Даведнік
reference-col-code = Код
reference-col-active = Дзейнічаюць
reference-col-retired = Выведзены
reference-col-extensible = Можна дапаўняць
reference-col-alt-code = Альфа-3
reference-col-region = Вобласць
reference-col-status = Стан
reference-standard-list = Не: вызначаны стандартам або правіламі
reference-entry-count = { $plural ->
    [one] { $count } запіс
    [few] { $count } запісы
   *[other] { $count } запісаў
}
reference-retired = Выведзены
reference-active = Дзейнічае
list-region = Рэгіёны
list-place = Гарады і раёны
list-country = Краіны
list-sex = Пол
list-age_band = Узроставыя групы (CTDC)
list-exploitation_type = Віды эксплуатацыі
list-labour_type = Віды працоўнай эксплуатацыі
list-sexual_exploitation_type = Віды сэксуальнай эксплуатацыі
list-industry = Галіны (МСКГ, рэд. 4)
list-means_of_control = Спосабы кантролю
list-recruitment_type = Спосабы вярбоўкі
list-recruitment_app = Праграмы, выкарыстаныя пры вярбоўцы
list-recruiter_relation = Адносіны да вярбоўшчыка
list-family_relation = Сваяцкія сувязі
list-organisation_type = Тыпы арганізацый
list-service_type = Віды дапамогі
list-need_type = Патрэбы
list-consequence = Наступствы гандлю людзьмі
list-hotline_topic = Тэмы зваротаў на гарачую лінію
list-hotline_channel = Каналы гарачай лініі
list-caller_type = Хто звяртаецца
list-hotline_outcome = Вынікі кансультацый
list-case_status = Статусы выпадкаў
list-nrm_phase = Этапы НМП
list-legal_status = Прававыя статусы
list-consent_purpose = Мэты згоды
list-consent_form = Формы згоды
list-rehabilitation_kind = Віды сацыяльнай рэабілітацыі
list-shift_kind = Віды заездаў у рэабілітацыйны цэнтр
list-document_type = Віды дакументаў
list-language = Мовы
list-campaign_theme = Тэмы кампаній
list-campaign_channel = Каналы кампаній

partners-title = Даведнік партнёраў
partners-lead = Арганізацыі нацыянальнага механізму перанакіравання: дзяржаўныя органы, сетка НДА, МАМ, рэабілітацыйны цэнтр і навучальны цэнтр.
partners-filter-region = Рэгіён
partners-filter-type = Тып арганізацыі
partners-count = { $plural ->
    [one] { $count } арганізацыя
    [few] { $count } арганізацыі
   *[other] { $count } арганізацый
}
partners-col-name = Арганізацыя
partners-col-type = Тып
partners-col-region = Рэгіён
partners-col-place = Горад
partners-col-roles = Роля ў механізме перанакіравання
partners-may-identify = мае права ідэнтыфікаваць пацярпелых
partners-ngo-network = сетка НДА
groups-title = Рэгіянальныя міждысцыплінарныя групы
groups-lead = У кожным рэгіёне група аб'ядноўвае міліцыю, сацыяльныя службы, ахову здароўя, адукацыю і НДА, каб абмяркоўваць выпадкі і ўзгадняць дапамогу.
groups-chair = Старшыня
groups-member-count = { $plural ->
    [one] { $count } арганізацыя-ўдзельнік
    [few] { $count } арганізацыі-ўдзельнікі
   *[other] { $count } арганізацый-удзельнікаў
}

error-go-home = На галоўную старонку
error-page-bad-request-title = Запыт не ўдалося зразумець
error-page-bad-request-text = Праверце адрас або форму і паспрабуйце яшчэ раз.
error-page-unauthorized-title = Увайдзіце ў сістэму
error-page-unauthorized-text = Гэтая старонка даступная супрацоўнікам пасля ўваходу. Увайдзіце і паспрабуйце яшчэ раз.
error-page-forbidden-title = Доступ забаронены
error-page-forbidden-text = Ваша роля не дазваляе гэта дзеянне. Калі яно патрэбна для працы, звярніцеся да кіраўніка.
error-page-not-found-title = Старонка не знойдзена
error-page-not-found-text = Такой старонкі няма або яна вам недаступная. Праверце адрас або пачніце з галоўнай старонкі.
error-page-method-title = Гэта дзеянне тут немагчымае
error-page-method-text = Старонка не прымае такі запыт. Вярніцеся назад і скарыстайцеся кнопкамі на старонцы.
error-page-too-many-title = Занадта шмат спроб
error-page-too-many-text = Пачакайце некалькі хвілін і паспрабуйце зноў.
error-page-unavailable-title = «Маяк» часова недаступны
error-page-unavailable-text = База даных не адказвае. Адпраўленыя даныя не захаваныя; паспрабуйце праз хвіліну. Калі гэта працягваецца, паведаміце адміністратару.
error-page-storage-full-title = Дыск сервера запоўнены
error-page-storage-full-text = Нічога з адпраўленага не захавана: на дыску базы даных няма месца. Захавайце ўведзенае, паведаміце адміністратару і паўтарыце, калі месца вызваліцца.
error-page-internal-title = Нешта пайшло не так
error-page-internal-text = «Маяк» не змог выканаць запыт, нічога не зменена. Памылка запісана ў журнал; паспрабуйце яшчэ раз або паведаміце адміністратару.

problem-validation = Некаторыя палі запоўнены няправільна
problem-validation-detail = { $plural ->
    [one] Трэба выправіць { $count } поле; гл. errors.
    [few] Трэба выправіць { $count } палі; гл. errors.
   *[other] Трэба выправіць { $count } палёў; гл. errors.
}
problem-malformed-json = Цела запыту не з'яўляецца карэктным JSON
problem-malformed-json-detail = Адпраўце правільна сфармаваны дакумент JSON.
problem-invalid-json = JSON не адпавядае чаканай структуры
problem-invalid-json-detail = Звярыце імёны і тыпы палёў з дакументам OpenAPI па адрасе /api/v1/openapi.json.
problem-invalid-query = Няправільныя параметры запыту
problem-invalid-query-detail = Звярыце параметры з дакументам OpenAPI па адрасе /api/v1/openapi.json.
problem-unsupported-media-type = Непадтрымліваемы тып змесціва
problem-unsupported-media-type-detail = Адпраўце цела ў фармаце JSON з загалоўкам Content-Type: application/json.
problem-payload-too-large = Занадта вялікае цела запыту
problem-payload-too-large-detail = Дапушчальна не больш за 1 МіБ.
problem-not-found = Не знойдзена
problem-not-found-detail = Такога рэсурсу няма або ён вам недаступны.
problem-method-not-allowed = Метад не падтрымліваецца
problem-method-not-allowed-detail = Гэты рэсурс не падтрымлівае дадзены метад HTTP; гл. /api/v1/openapi.json.
problem-unauthorized = Патрабуецца ўваход
problem-unauthorized-detail = Увайдзіце ў сістэму або перадайце сапраўдны токен.
problem-forbidden = Забаронена
problem-forbidden-detail = Ваша роля не дазваляе гэта дзеянне.
problem-conflict = Канфлікт
problem-conflict-detail = Запыт супярэчыць існуючым даным (напрыклад, такі код ужо заняты).
problem-too-many-requests = Занадта шмат запытаў
problem-too-many-requests-detail = { $plural ->
    [one] Паўтарыце праз { $seconds } секунду.
    [few] Паўтарыце праз { $seconds } секунды.
   *[other] Паўтарыце праз { $seconds } секунд.
}
problem-unavailable = Сэрвіс часова недаступны
problem-unavailable-detail = База даных не адказвае; нічога не зменена. Паўтарыце пазней.
problem-storage-full = Дыск сервера запоўнены
problem-storage-full-detail = На дыску базы даных няма месца; нічога не зменена. Паўтарыце, калі адміністратар вызваліць месца.
problem-internal = Унутраная памылка
problem-internal-detail = Запыт не выкананы, нічога не зменена. Памылка запісана ў журнал.

field-required = Абавязковае поле.
field-too-long = Занадта доўга: не больш за { $max } сімвалаў.
field-unknown-code = Невядомае значэнне: выберыце са спіса.
field-child-needs-representative = Дзіця да { $age } гадоў не можа даць згоду само: запішыце згоду яго законнага прадстаўніка.
field-code-chars = У кодзе дапушчальныя толькі лацінскія літары, лічбы і знакі - _ + .
field-list-not-extensible = Гэты даведнік вызначаны стандартам або правіламі; дадаваць запісы нельга.
field-control-chars = Выдаліце кіроўныя сімвалы (табуляцыю, пераводы радкоў).

app-name-latin = Mayak
login-link = Увайсці
logout = Выйсці
choose = Выберыце…
save = Захаваць
form-has-errors = Выпраўце, калі ласка:
password-hint = Не менш за 12 сімвалаў. Фразу з некалькіх слоў лёгка запомніць і цяжка адгадаць. Распаўсюджаныя і выкрадзеныя паролі не прымаюцца.
login-title = Уваход
login-lead = Для супрацоўнікаў арганізацый механізму перанакіравання. Тым, хто тэлефануе, і наведвальнікам уліковы запіс не патрэбны.
login-field-login = Лагін
login-field-password = Пароль
login-submit = Увайсці
login-error-invalid = Няправільны лагін або пароль. Праверце абодва палі і паспрабуйце яшчэ раз.
login-error-expired = Форма ўваходу састарэла. Увядзіце лагін і пароль яшчэ раз.
login-error-locked = { $plural ->
    [one] Занадта шмат няўдалых спроб. Паспрабуйце праз { $minutes } хвіліну.
    [few] Занадта шмат няўдалых спроб. Паспрабуйце праз { $minutes } хвіліны.
   *[other] Занадта шмат няўдалых спроб. Паспрабуйце праз { $minutes } хвілін.
}
login-error-code = Код няправільны або ўжо выкарыстаны. Увядзіце бягучы код з праграмы-аўтэнтыфікатара або адзін з рэзервовых кодаў.
second-factor-title = Другі фактар
second-factor-lead = Адкрыйце праграму-аўтэнтыфікатар на тэлефоне і ўвядзіце шасцізначны код, які яна паказвае для «Маяка».
second-factor-field = Код
second-factor-hint = Страцілі тэлефон? Увядзіце адзін з рэзервовых кодаў (кожны дзейнічае адзін раз).
second-factor-submit = Пацвердзіць
enrol-title = Наладка другога фактару
enrol-lead = Ваша роля дае доступ да персанальных даных, таму для ўваходу патрэбны другі фактар: код з праграмы-аўтэнтыфікатара на тэлефоне.
enrol-step-app = Усталюйце праграму-аўтэнтыфікатар (напрыклад, FreeOTP, Aegis, Google Authenticator або Microsoft Authenticator).
enrol-step-scan = Дадайце ў праграме ўліковы запіс і адсканіруйце гэты код:
enrol-step-key = Калі адсканіраваць не атрымліваецца, увядзіце ключ:
enrol-step-code = Увядзіце шасцізначны код, які цяпер паказвае праграма.
enrol-field = Код з праграмы
enrol-submit = Пацвердзіць і працягнуць
recovery-title = Вашы рэзервовыя коды
recovery-lead = Захавайце гэтыя коды ў надзейным месцы, асобна ад тэлефона. Кожны дазваляе ўвайсці адзін раз, калі тэлефон страчаны. Яны паказваюцца толькі цяпер.
recovery-continue = Я іх захаваў(ла): працягнуць
account-title = Мой уліковы запіс
account-name = Імя
account-organisation = Арганізацыя
account-roles = Ролі
account-second-factor = Другі фактар
account-mfa-on = праграма-аўтэнтыфікатар наладжана
account-mfa-off = не наладжаны
account-codes-left = { $plural ->
    [one] застаўся { $count } рэзервовы код
    [few] засталося { $count } рэзервовыя коды
   *[other] засталося { $count } рэзервовых кодаў
}
account-change-password = Змяніць пароль
account-current-password = Бягучы пароль
account-new-password = Новы пароль
account-confirm-password = Новы пароль яшчэ раз

role-admin = Сістэмны адміністратар
role-supervisor = Кіраўнік
role-hotline-consultant = Кансультант гарачай лініі
role-case-manager = Вядучы выпадку
role-rehabilitation-staff = Супрацоўнік рэабілітацыйнага цэнтра
role-mdg-member = Член міждысцыплінарнай групы
role-partner-caseworker = Спецыяліст арганізацыі-партнёра
role-trainer = Трэнер
role-analyst = Аналітык
role-auditor = Аўдытар
role-content-editor = Рэдактар матэрыялаў

nav-users = Карыстальнікі
nav-organisations = Арганізацыі
nav-sessions = Сеансы
nav-audit = Журнал аўдыту

notice-created = Створана.
notice-saved = Захавана.
notice-disabled = Карыстальнік адключаны; яго сеансы завершаны, токены адкліканы.
notice-enabled = Карыстальнік зноў можа ўваходзіць.
notice-mfa-reset = Другі фактар выдалены; карыстальнік наладзіць яго зноў пры наступным уваходзе.
notice-sessions-ended = Усе сеансы карыстальніка завершаны.
notice-session-ended = Сеанс завершаны.
notice-token-revoked = Токен адкліканы.
notice-added = Запіс дададзены.
notice-retired = Запіс выведзены з ужытку: старыя справы яго захоўваюць, для новых яго выбраць нельга.
notice-restored = Запіс зноў можна выбіраць.
notice-password-changed = Пароль зменены; астатнія вашы сеансы завершаны.

users-title = Карыстальнікі
users-new = Новы карыстальнік
users-col-login = Лагін
users-col-name = Імя
users-col-organisation = Арганізацыя
users-col-roles = Ролі
users-col-status = Стан
users-active = актыўны
users-disabled = адключаны
users-password = Пароль
users-password-hint = Пакіньце пустым, каб стварыць пароль аўтаматычна (ён будзе паказаны адзін раз). Карыстальнік можа змяніць яго на старонцы ўліковага запісу.
users-create = Стварыць карыстальніка
users-created-password = Карыстальнік { $login } створаны. Яго пароль паказваецца толькі цяпер:
users-actions = Дзеянні
users-enable = Уключыць
users-disable = Адключыць
users-disable-confirm = Адключыць карыстальніка? Яго сеансы завершацца, а токены будуць адкліканы адразу.
users-reset-mfa = Скінуць другі фактар
users-reset-mfa-confirm = Выдаліць другі фактар карыстальніка? Ён наладзіць яго зноў пры наступным уваходзе.
users-end-sessions = Завяршыць усе сеансы
users-session-count = { $plural ->
    [one] { $count } актыўны сеанс
    [few] { $count } актыўныя сеансы
   *[other] { $count } актыўных сеансаў
}
sessions-title = Актыўныя сеансы
sessions-lead = Усе, хто зараз увайшоў у сістэму, на ўсіх экзэмплярах. Завяршэнне сеанса адразу выводзіць чалавека з сістэмы.
sessions-col-started = Уваход
sessions-col-last-seen = Апошняя актыўнасць
sessions-col-address = Адрас
sessions-col-agent = Браўзер
sessions-col-instance = Экзэмпляр
sessions-pending = чакаецца другі фактар
sessions-end = Завяршыць
sessions-end-label = Завяршыць сеанс { $login }
tokens-title = Токены API
tokens-lead = Токены дазваляюць скрыптам і інтэграцыям карыстацца API роўна з правамі свайго карыстальніка. Захоўваюцца толькі іх хэшы.
tokens-col-label = Прызначэнне
tokens-col-issued = Выдадзены
tokens-col-expires = Сканчаецца
tokens-col-last-used = Выкарыстаны
tokens-revoked = адкліканы
tokens-expired = скончыўся
tokens-revoke = Адклікаць
tokens-how = Токены выдаюцца з каманднага радка:
orgs-title = Арганізацыі
orgs-new = Новая арганізацыя
orgs-edit = Змяненне: { $name }
orgs-col-slug = Кароткі ідэнтыфікатар
orgs-name-ru = Назва па-руску
orgs-name-be = Назва па-беларуску
orgs-name-en = Назва па-англійску
orgs-no-place = (горад не пазначаны)
orgs-create = Стварыць арганізацыю
audit-title = Журнал аўдыту
audit-lead = Кожны ўваход, адмова ў доступе, змяненне, прагляд персанальных даных і дзеянне адміністратара — у ланцужку хэшаў, які нельга непрыкметна змяніць.
audit-col-when = Калі
audit-col-action = Дзеянне
audit-col-record = Запіс
audit-col-outcome = Вынік
reference-add = Дадаць запіс
reference-label-ru = Назва па-руску
reference-label-be = Назва па-беларуску
reference-label-en = Назва па-англійску
reference-retire = Вывесці
reference-restore = Вярнуць
reference-retire-label = Вывесці з ужытку { $code }
reference-restore-label = Вярнуць { $code }

problem-invalid-credentials = Уваход не выкананы
problem-invalid-credentials-detail = Няправільны лагін, пароль або код. Праверце іх і паспрабуйце яшчэ раз.
problem-mfa-enrolment-required = Другі фактар не наладжаны
problem-mfa-enrolment-required-detail = Для гэтага ўліковага запісу спачатку трэба наладзіць праграму-аўтэнтыфікатар: увайдзіце адзін раз праз вэб-інтэрфейс.

field-too-short = Занадта коратка: не менш за { $min } сімвалаў.
field-login-chars = У лагіне дапушчальныя толькі малыя лацінскія літары, лічбы і знакі . _ -
field-choose-one = Выберыце хоць бы адно значэнне.
field-taken = Ужо занята; выберыце іншае.
field-keep-own-admin = Нельга зняць з сябе ролю адміністратара.
field-place-outside-region = Гэты горад не адносіцца да выбранага рэгіёна.
field-password-too-short = Занадта коратка: пароль павінен мець не менш за { $min } сімвалаў.
field-password-common = Гэты пароль занадта распаўсюджаны або трапляецца ў спісах выкрадзеных пароляў; выберыце іншы.
field-password-context = Пароль не павінен змяшчаць ваш лагін або назву сістэмы.
field-wrong-password = Бягучы пароль няправільны.
field-passwords-differ = Новыя паролі не супадаюць.
field-date-out-of-range = Дата па-за магчымым дыяпазонам: праверце год.
field-phone-format = Увядзіце нумар тэлефона з 5–15 лічбаў, напрыклад +375 29 123-45-67.
field-email-format = Увядзіце адрас электроннай пошты, напрыклад name@example.org.
audit-record-type = Тып запісу
audit-record-id = Нумар запісу
audit-from = З
audit-until = Па (уключна)
audit-col-fields = Палі
audit-col-reason = Прычына
audit-count = { $plural ->
    [one] { $count } падзея, спачатку новыя.
    [few] { $count } падзеі, спачатку новыя.
   *[other] { $count } падзей, спачатку новыя.
}
audit-limited = Паказаны толькі самыя новыя: удакладніце пошук або выгрузіце яго.
audit-export = Выгрузка ў CSV
audit-export-reason = Прычына выгрузкі
audit-export-hint = Абавязкова: выгрузка і яе прычына запісваюцца ў журнал аўдыту.
audit-export-submit = Спампаваць CSV
field-date-format = Увядзіце дату ў выглядзе ГГГГ-ММ-ДД.
field-no-such-user = Карыстальніка з такім лагінам няма.
field-reason-required = Пазначце прычыну (не менш за 5 сімвалаў).
nav-retention = Тэрміны захоўвання
retention-title = Тэрміны захоўвання і выдаленне
retention-lead = { $plural ->
    [one] Персанальныя даныя выдаляюцца беззваротна праз { $days } дзень пасля закрыцця апошняга выпадку чалавека або пасля адклікання згоды на апрацоўку, але толькі пасля таго, як адміністратар зацвердзіць спіс ніжэй. Статыстыка працягвае ўлічваць гэтых людзей.
    [few] Персанальныя даныя выдаляюцца беззваротна праз { $days } дні пасля закрыцця апошняга выпадку чалавека або пасля адклікання згоды на апрацоўку, але толькі пасля таго, як адміністратар зацвердзіць спіс ніжэй. Статыстыка працягвае ўлічваць гэтых людзей.
   *[other] Персанальныя даныя выдаляюцца беззваротна праз { $days } дзён пасля закрыцця апошняга выпадку чалавека або пасля адклікання згоды на апрацоўку, але толькі пасля таго, як адміністратар зацвердзіць спіс ніжэй. Статыстыка працягвае ўлічваць гэтых людзей.
}
retention-due = { $plural ->
    [one] Тэрмін захоўвання скончыўся ў { $count } чалавека, не ўключанага ў спіс, які чакае.
   *[other] Тэрмін захоўвання скончыўся ў { $count } чалавек, не ўключаных у спіс, які чакае.
}
retention-dry-run = Скласці пробны спіс зараз
retention-run = Спіс { $id }
retention-status-pending = чакае зацвярджэння
retention-status-approved = зацверджаны: выдалена
retention-status-rejected = адхілены: нічога не выдалена
retention-reason-retention = скончыўся тэрмін захоўвання
retention-reason-consent_withdrawn = адклікана згода на апрацоўку
retention-candidates = { $plural ->
    [one] { $count } чалавек
    [few] { $count } чалавекі
   *[other] { $count } чалавек
}
retention-show = Паказаць спіс
retention-person = Чалавек № { $id }
retention-approve = Зацвердзіць і выдаліць
retention-approve-confirm = Выдаліць персанальныя даныя ўсіх людзей з гэтага спісу? Гэта незваротна.
retention-reject = Адхіліць
notice-run-created = Пробны спіс складзены: праверце яго ніжэй.
notice-nothing-due = Выдаляць няма каго.
notice-run-approved = Спіс зацверджаны, персанальныя даныя выдалены.
notice-run-rejected = Спіс адхілены, нічога не выдалена.

nav-cases = Выпадкі
nav-new-case = Новы выпадак
unknown-yet = Пакуль невядома
cases-title = Выпадкі
cases-search = Пошук
cases-search-hint = Код выпадку (BR-2026-00042 або яго пачатак) альбо поўнае імя, нумар дакумента або тэлефон чалавека.
cases-search-exact = Імёны, дакументы і тэлефоны знаходзяцца толькі пры дакладным уводзе (яны захоўваюцца зашыфраванымі і шукаюцца па ключавых хэшах).
cases-count = { $plural ->
    [one] { $count } выпадак
    [few] { $count } выпадкі
   *[other] { $count } выпадкаў
}
cases-col-code = Выпадак
cases-col-status = Статус
cases-col-phase = Этап НМП
cases-col-legal = Прававы статус
cases-col-exploitation = Эксплуатацыя
cases-col-registered = Зарэгістраваны
cases-col-manager = Вядучы выпадку
cases-older = Наступныя выпадкі
cases-filter-from = Зарэгістраваны з
cases-filter-until = Зарэгістраваны па
cases-filter-org = Вядучая арганізацыя
cases-sort = Парадак
cases-sort-auto = Аўтаматычна
cases-sort-auto-hint = Спачатку новыя; па даце рэгістрацыі, калі абраны перыяд; па кодзе пры пошуку па кодзе.
cases-sort-newest = Спачатку новыя
cases-sort-oldest = Спачатку старыя
cases-sort-registered-desc = Дата рэгістрацыі, спачатку пазнейшыя
cases-sort-registered-asc = Дата рэгістрацыі, спачатку ранейшыя
cases-sort-code = Код выпадку
cases-sort-updated = Нядаўна змененыя
intake-title = Новы выпадак: першасны прыём
intake-lead = Запішыце тое, што вядома зараз, астатняе можна дапоўніць пазней. Персанальныя даныя шыфруюцца, у спісах бачны толькі код выпадку.
intake-duplicates = Магчыма, у гэтага чалавека ўжо ёсць выпадак:
intake-duplicate-elsewhere = выпадак у рэгіёне «{ $region }» (у вас няма да яго доступу; звярніцеся ў яго арганізацыю)
intake-duplicates-hint = Калі гэта той жа чалавек, працягвайце яго выпадак. Калі не, адзначце пункт ніжэй і зарэгіструйце зноў.
intake-person = Чалавек
intake-person-hint = Абавязкова толькі імя. Персанальныя даныя шыфруюцца, кожны іх прагляд запісваецца.
intake-family-name = Прозвішча
intake-given-names = Імя
intake-patronymic = Імя па бацьку
intake-birth-date = Дата нараджэння
intake-sex = Пол
intake-citizenship = Грамадзянства
intake-stateless-or-unknown = Без грамадзянства або невядома
intake-document-type = Дакумент, які сведчыць асобу
intake-no-document = Няма дакумента
intake-document-number = Нумар дакумента
intake-phone = Тэлефон
intake-language = Мова зносін
intake-case = Выпадак
intake-confirm-new = Гэта іншы чалавек: зарэгістраваць новы выпадак
intake-submit = Зарэгістраваць выпадак
case-lead-organisation = Вядучая арганізацыя
case-unassigned = Не прызначаны
case-country = Краіна эксплуатацыі
case-reload = Абнавіць выпадак
case-stale = { $plural ->
    [one] Хтосьці іншы ўжо змяніў гэты выпадак (цяпер версія { $version }). Нічога не захавана: абнавіце старонку, праверце змены і ўнясіце свае зноў.
   *[other] Хтосьці іншы ўжо змяніў гэты выпадак (цяпер версія { $version }). Нічога не захавана: абнавіце старонку, праверце змены і ўнясіце свае зноў.
}
case-htcds-status = Статус па HTCDS
case-closed-on = Закрыты
case-person = Чалавек
case-person-logged = Вы праглядаеце персанальныя даныя: гэты прагляд запісаны ў журнал аўдыту.
case-name = Імя
case-person-erased = Персанальныя даныя выдалены (скончыўся тэрмін захоўвання або адклікана згода). Выпадак застаецца для статыстыкі.
case-person-hidden = Ваша роля або згода гэтага чалавека не дазваляюць бачыць персанальныя даныя па гэтым выпадку.
case-edit = Статус і профіль
case-closure-reason = Прычына закрыцця
case-closure-hint = Абавязкова, калі статус — закрыты.
case-outcome = Вынік рэінтэграцыі
case-identification = Ідэнтыфікацыя (Закон № 350-З)
case-identification-hint = Рашэнне маюць права ўнесці толькі органы, упаўнаважаныя ідэнтыфікаваць пацярпелых. Вынік скрынінгу — парада, а не рашэнне.
case-identified-on = Дата рашэння
case-identification-document = Дакумент аб рашэнні (нумар)
case-identify = Унесці рашэнне
case-consents = Інфармаваная згода
case-consent-purpose = Мэта
case-consent-organisation = Арганізацыя (для перанакіравання)
case-consent-given = Дадзена
consent-given-by = Кім дадзена
consent-given-by-person = самім чалавекам
consent-given-by-representative = законным прадстаўніком (дзіця да 16 гадоў)
consent-withdrawn-on = адклікана { $date }
consent-valid = дзейнічае
consent-withdraw = Адклікаць
consent-withdraw-confirm = Запісаць адкліканне гэтай згоды? Адкліканне згоды на апрацоўку ставіць персанальныя даныя чалавека ў чаргу на выдаленне.
consent-add = Запісаць згоду
consent-no-organisation = (не перанакіраванне)
consent-form = Форма
case-services = Паслугі
case-service-type = Паслуга
case-service-provider = Выканаўца
case-service-dates = Тэрміны
case-service-start = Пачатак
case-service-cost = Кошт, BYN
service-status-Planned = запланавана
service-status-InProgress = аказваецца
service-status-Completed = аказана
service-status-Cancelled = адменена
service-complete = Адзначыць аказанай
service-outcome = Вынік паслугі
service-outcome-placeholder = Вынік (неабавязкова)
service-add = Дадаць паслугу
case-timeline = Гісторыя
event-created = Выпадак зарэгістраваны
event-updated = Зменены
event-closed = Закрыты
event-reopened = Адкрыты зноў
event-identification = Унесена рашэнне аб ідэнтыфікацыі
event-consent-given = Запісана згода
event-consent-withdrawn = Згода адклікана
event-service-added = Дададзена паслуга
event-service-status = Зменены статус паслугі
case-readers = Хто праглядаў або змяняў даныя гэтага чалавека
notice-case-saved = Выпадак захаваны.
notice-case-identified = Рашэнне аб ідэнтыфікацыі ўнесена.
notice-case-consent-added = Згода запісана.
notice-case-consent-withdrawn = Адкліканне згоды запісана.
notice-case-service-added = Паслуга дададзена.
notice-case-service-updated = Паслуга абноўлена.
field-consent-missing = { $purpose ->
    [Referral] Няма згоды: чалавек не даваў згоды на перанакіраванне ў «{ $organisation_name }». Спачатку запішыце гэтую згоду.
    [LawEnforcementSharing] Няма згоды: чалавек не даваў згоды на перадачу даных праваахоўным органам.
    [Processing] Няма згоды: чалавек не даваў згоды на апрацоўку сваіх даных.
   *[other] Няма згоды на гэта дзеянне.
}
field-not-a-closure = Каб закрыць выпадак, выберыце статус «закрыты».
field-status-transition = Такое рашэнне немагчымае пры бягучым прававым статусе.
field-required-for-referral = Выберыце арганізацыю, на перанакіраванне ў якую чалавек пагадзіўся.
field-amount-format = Увядзіце суму, напрыклад 125.50.
nav-break-glass = Экстранны доступ
nav-break-glass-review = Праверка экстраннага доступу
break-glass-title = Адкрыць выпадак па-за вашай зонай доступу
break-glass-lead = Толькі ў экстраннай сітуацыі. Трэба пазначыць прычыну; доступ дзейнічае дзве гадзіны, запісваецца ў журнал аўдыту і адзначаецца да праверкі аўдытарам.
break-glass-reason = Прычына (не менш за 10 сімвалаў)
break-glass-submit = Адкрыць выпадак
break-glass-review-title = Экстранныя адкрыцці выпадкаў
break-glass-review-lead = Выпадкі, адкрытыя па-за зонай доступу карыстальніка, спачатку неправераныя. Праверце кожную прычыну і адзначце праверку.
break-glass-reviewed = праверана
break-glass-mark-reviewed = Адзначыць правераным
field-no-such-case = Выпадку з такім кодам няма.
screening-open = Скрынінг па індыкатарах МАП
screening-title = Скрынінг: аперацыйныя індыкатары МАП/ЕК
screening-lead = Адзначце ўсе індыкатары, якія бачныя з аповеду чалавека. Вынік — парада органу, які праводзіць ідэнтыфікацыю, з абгрунтаваннем; ён ніколі не змяняе прававы статус.
screening-lists = Спісы індыкатараў
screening-list-adult_labour = Дарослыя, працоўная эксплуатацыя
screening-list-adult_sexual = Дарослыя, сэксуальная эксплуатацыя
screening-list-child_labour = Дзеці, працоўная эксплуатацыя
screening-list-child_sexual = Дзеці, сэксуальная эксплуатацыя
screening-dimension-deceptive_recruitment = Вярбоўка шляхам падману
screening-dimension-coercive_recruitment = Вярбоўка з прымусам
screening-dimension-recruitment_abuse_of_vulnerability = Вярбоўка з выкарыстаннем уразлівасці
screening-dimension-exploitation = Умовы эксплуатацыі
screening-dimension-coercion_at_destination = Прымус у месцы прызначэння
screening-dimension-abuse_of_vulnerability_at_destination = Выкарыстанне ўразлівасці ў месцы прызначэння
screening-weight-strong = моцны
screening-weight-medium = сярэдні
screening-weight-weak = слабы
screening-submit = Ацаніць
screening-counts = моцных: { $strong }, сярэдніх: { $medium }, слабых: { $weak }
screening-reason-present = { $dimension }: ёсць ({ $counts }).
screening-reason-absent = { $dimension }: няма ({ $counts }).
screening-element-recruitment = Вярбоўка
screening-element-exploitation = Эксплуатацыя
screening-element-coercion = Прымус
screening-reason-element-present = { $element }: устаноўлена.
screening-reason-element-missing = { $element }: не ўстаноўлена.
screening-reason-child = Чалавек — дзіця: для высновы прымус не патрабуецца.
screening-conclusion-likely_victim = Парада: верагодна, пацярпелы ад гандлю людзьмі
screening-conclusion-possible_victim = Парада: магчыма, пацярпелы; не ўсе элементы ўстаноўлены
screening-conclusion-no_indication = Парада: па гэтых індыкатарах прыкмет гандлю людзьмі няма
screening-advice = Гэта парада органу, які праводзіць ідэнтыфікацыю, а не рашэнне. Прававы статус вызначае толькі ўпаўнаважаны орган.
event-screening = Праведзены скрынінг
nav-my-work = Мая праца
screening-none = Скрынінг яшчэ не праводзіўся.
case-needs = Ацэнка патрэб
case-needs-none = Патрэбы яшчэ не ацэнены.
case-need = Патрэба
case-severity = Вастрыня
severity-high = высокая
severity-medium = сярэдняя
severity-low = нізкая
case-assessed-on = Дата ацэнкі
case-assessed-by = Хто ацаніў
case-need-add = Запісаць ацэненую патрэбу
case-plan = Індывідуальны план дапамогі
case-plan-none = Мэт пакуль няма.
case-goal = Мэта
case-target = Тэрмін
goal-status-open = у працы
goal-status-achieved = дасягнута
goal-status-dropped = знята
goal-achieved = Адзначыць дасягнутай
case-goal-add = Дадаць мэту
case-no-names-hint = Без імёнаў: выпадак вызначаецца кодам (гэты тэкст не шыфруецца).
case-tasks = Задачы і кантрольныя тэрміны
case-tasks-none = Задач няма.
case-task = Задача
case-due = Тэрмін
case-task-assignee = Выканаўца
case-task-add = Дадаць задачу
task-done = Выканана
case-notes = Запісы па выпадку
case-notes-hint = Запісы шыфруюцца ключом гэтага чалавека, кожнае іх чытанне запісваецца.
case-note-add = Новы запіс
case-note-save = Захаваць запіс
work-title = Мая праца
work-tasks = Мае задачы, спачатку пратэрмінаваныя
work-no-tasks = Адкрытых задач няма.
work-overdue = пратэрмінавана
work-cases = { $plural ->
    [one] Мой адкрыты выпадак ({ $count })
   *[other] Мае адкрытыя выпадкі ({ $count })
}
event-need-assessed = Ацэнена патрэба
event-goal-added = Дададзена мэта
event-goal-achieved = Мэта дасягнута
event-goal-dropped = Мэта знята
event-goal-open = Мэта зноў у працы
event-note-added = Дададзены запіс
event-task-added = Дададзена задача
event-task-done = Задача выканана
event-break_glass = Адкрыты ў экстранным парадку
notice-case-need-added = Патрэба запісана.
notice-case-goal-added = Мэта дададзена ў план.
notice-case-goal-updated = Мэта абноўлена.
notice-case-note-added = Запіс захаваны (зашыфраваны).
notice-case-task-added = Задача дададзена.
notice-case-task-done = Задача выканана.
case-profile = Профіль эксплуатацыі і судаводства
case-profile-none = Эпізоды яшчэ не запісаны.
case-episode = Эпізод { $n }
case-episode-add = Дадаць эпізод
case-started = Пачатак
case-ended = Заканчэнне
case-stages = Падзеі гандлю людзьмі
case-stage-add = Дадаць падзею
case-stage-kind = Падзея
case-stage-country = Краіна
case-stage-place = Месца (горад або рэгіён, без адрасоў)
case-stage-date = Дата
stage-Recruitment = Вярбоўка
stage-Transit = Транзіт
stage-Exploitation = Эксплуатацыя
case-perpetrators = Злачынцы
case-perpetrator-add = Дадаць злачынцу (па ролі)
case-perpetrator-role = Роля
perpetrator-Recruiter = Вярбоўшчык
perpetrator-Transporter = Перавозчык
perpetrator-Exploiter = Эксплуататар
perpetrator-Controller = Наглядчык
perpetrator-Other = Іншае
case-proceedings = Судаводства
case-proceeding-add = Запісаць судаводства
case-proceeding-kind = Від
proceeding-criminal = Крымінальная справа
proceeding-civil = Грамадзянская справа
case-proceeding-stage = Стадыя
proceeding-stage-investigation = следства
proceeding-stage-court = у судзе
proceeding-stage-verdict = прысуд
proceeding-stage-closed = спынена
case-person-role = Роля чалавека
person-role-victim = пацярпелы
person-role-witness = сведка
legal-aid-given = аказана юрыдычная дапамога
compensation-claimed = заяўлена кампенсацыя
compensation-awarded = прысуджана кампенсацыя
case-proceeding-on = Па стане на
notice-case-episode-added = Эпізод дададзены ў профіль.
notice-case-profile-updated = Профіль абноўлены.
event-episode-added = Запісаны эпізод эксплуатацыі
event-trafficking_event-added = Запісана падзея гандлю людзьмі
event-perpetrator-added = Запісаны злачынца
event-proceeding-added = Запісана судаводства
field-before-start = Заканчэнне раней за пачатак.
field-cursor-invalid = Адрас старонкі не пасуе да абранага парадку: пачніце зноў з першай старонкі.
field-out-of-range = Абярыце лік ад { $min } да { $max }.
case-files = Сканы і дакументы
case-files-none = Файлаў няма.
case-file = Файл { $n }
case-file-erased = (выдалены)
case-file-add = Дадаць скан
case-file-hint = PDF, JPEG або PNG, не больш за 10 МіБ. Файлы шыфруюцца ключом гэтага чалавека, кожная загрузка запісваецца.
case-file-upload = Загрузіць
notice-case-file-added = Файл захаваны (зашыфраваны).
field-file-too-large = Файл занадта вялікі: не больш за { $max } МіБ.
field-file-type = Прымаюцца толькі файлы PDF, JPEG і PNG.

# Family members and accompanying children
no = Не
case-relatives = Сям'я і дзеці, якія суправаджаюць
case-relatives-hint = Кожны член сям'і — асобны чалавек: яго даныя зашыфраваныя, кожны іх прагляд запісваецца.
case-relatives-none = Члены сям'і не запісаныя.
case-relative-relation = Сваяцтва
case-relative-accompanying = Суправаджае
case-relative-accompanying-hint = Едзе або знаходзіцца разам з чалавекам (напрыклад, дзіця ў прытулку)
case-relative-age = { $n } г.
case-relative-add = Дадаць члена сям'і або дзіця
case-relative-save = Захаваць члена сям'і
notice-case-relative-added = Член сям'і запісаны (у зашыфраваным выглядзе).
event-relative-added = Запісаны член сям'і

# Intake drafts
intake-drafts = Вашы незавершаныя рэгістрацыі
intake-drafts-hint = Чарнавікі бачыце толькі вы; яны зашыфраваныя і выдаляюцца праз 30 дзён без змен.
intake-draft-link = Чарнавік { $n }
intake-draft-saved-at = захаваны
intake-draft-delete = Выдаліць чарнавік { $n }
intake-draft-hint = Вядома яшчэ не ўсё? Захавайце чарнавік: нічога не правяраецца і не рэгіструецца, працягнуць можна пазней.
intake-save-draft = Захаваць чарнавік
notice-draft-saved = Чарнавік захаваны (у зашыфраваным выглядзе). Працягніце зараз або пазней з гэтай старонкі.
notice-draft-deleted = Чарнавік выдалены.
field-draft-too-large = Форма занадта вялікая для чарнавіка: скараціце самыя доўгія тэксты.

## nrm
nav-referrals = Перанакіраванні
nav-overrides = Перанакіраванні без згоды
case-person-limited = Вы бачыце тое, што раскрывае перанакіраванне; справа чалавека застаецца ў вядучай арганізацыі.
referrals-title = Перанакіраванні
referrals-lead = Перанакіраванні, якія ваша арганізацыя адправіла і атрымала. Пратэрмінаваныя адзначаны ў абодвух бакоў.
referrals-none = Перанакіраванняў няма.
referrals-incoming = Уваходныя
referrals-outgoing = Выходныя
referrals-open-only = Толькі адкрытыя
referrals-with-closed = Паказаць і закрытыя
referral-title = Перанакіраванне
referral-new = Перанакіраваць партнёру
transfer-new = Перадаць вядзенне выпадку
referral-lead = Выберыце патрэбныя чалавеку паслугі: Маяк прапануе партнёраў, якія аказваюць іх у рэгіёне чалавека, потым у суседніх. Для адпраўкі патрэбна згода чалавека на перанакіраванне ў гэтую арганізацыю.
transfer-lead = Арганізацыя-атрымальнік стане вядучай па выпадку, калі прыме перадачу. Патрэбна згода чалавека на перанакіраванне ў яе.
referral-services = Патрэбныя паслугі
referral-suggest = Падабраць партнёраў
referral-suggested = Прапанаваныя партнёры
referral-no-suggestions = У гэтым і суседніх рэгіёнах ніхто не аказвае гэтыя паслугі: выберыце арганізацыю ніжэй.
referral-offers = Аказвае
referral-nearness-same_region = Той жа рэгіён
referral-nearness-neighbouring = Суседні рэгіён
referral-other-organisations = Іншыя арганізацыі
referral-to = Арганізацыя-атрымальнік
referral-disclosure = Што бачыць атрымальнік
referral-disclosure-hint = Ідэнтыфікуючыя даныя бачныя, толькі пакуль дзейнічае згода чалавека на гэтае перанакіраванне; да прыняцця атрымальнік бачыць толькі патрэбы.
disclosure-needs_only = Толькі патрэбы
disclosure-needs_and_contacts = Патрэбы і кантакты (імя, тэлефон, мовы)
disclosure-full_assessment = Поўная ацэнка (асоба, патрэбы, профіль эксплуатацыі, план)
referral-accept-due = Прыняць або адхіліць да
referral-complete-due = Завяршыць да
referral-override = Адправіць без згоды (кіраўнік)
referral-override-reason = Чаму без згоды
referral-override-hint = Толькі калі чалавека нельга спытаць, а чаканне яму пашкодзіць. Перанакіраванне адзначаецца для праверкі, і атрымальнік не бачыць ідэнтыфікуючых даных, пакуль згода не запісана.
referral-override-flagged = на праверцы
referral-send = Адправіць перанакіраванне
transfer-send = Прапанаваць прыняць выпадак
referral-col-from = Ад каго
referral-col-to = Каму
referral-col-services = Паслугі
referral-col-due = Тэрмін
referral-kind-services = Перанакіраванне
referral-kind-transfer = Перадача вядзення выпадку
referral-side-sender = Вы адправілі
referral-side-receiver = Вы атрымалі
referral-sent-at = Адпраўлена
referral-decline-reason = Прычына адмовы
referral-state-note = Заўвага
referral-actions = Што зрабіць
referral-action-accept = Прыняць
referral-action-decline = Адхіліць
referral-action-start = Пачаць працу
referral-action-complete = Адзначыць выкананым
referral-action-cancel = Адмяніць перанакіраванне
referral-note-optional = Заўвага (неабавязкова, без імёнаў)
referral-outcome-hint = Чаго дасягнулі паслугі, без імёнаў: гэта стане вынікам паслуг па выпадку.
referral-add-service = Запісаць паслугу, якую вы аказваеце
referral-notes = Нататкі па перанакіраванні
referral-notes-hint = Нататкі чытаюць абодва бакі; яны зашыфраваныя, як нататкі па выпадку, і кожнае прачытанне запісваецца.
referral-notes-none = Нататак пакуль няма.
referral-note-add = Дадаць нататку
referral-state-sent = адпраўлена
referral-state-accepted = прынята
referral-state-declined = адхілена
referral-state-in_progress = у працы
referral-state-completed = выканана
referral-state-cancelled = адменена
referral-overdue-acceptance = пратэрмінавана прыняцце
referral-overdue-completion = пратэрмінавана выкананне
decline-reason-no_capacity = Няма месцаў або рэсурсаў
decline-reason-service_not_offered = Не аказваем гэтую паслугу
decline-reason-outside_area = Па-за нашай тэрыторыяй
decline-reason-person_not_reachable = Не ўдаецца звязацца з чалавекам
decline-reason-other = Іншая прычына
notice-referral-sent = Перанакіраванне адпраўлена.
notice-referral-accepted = Перанакіраванне прынята.
notice-referral-declined = Перанакіраванне адхілена.
notice-referral-in_progress = Праца па перанакіраванні пачата.
notice-referral-completed = Перанакіраванне выканана; яго паслугі па выпадку адзначаны выкананымі.
notice-referral-cancelled = Перанакіраванне адменена.
notice-referral-note-added = Нататка дададзена.
notice-referral-service-added = Паслуга запісана ў выпадак.
inbox-title = Уваходныя задачы
inbox-to-decide = { $plural ->
    [one] { $count } перанакіраванне чакае рашэння
    [few] { $count } перанакіраванні чакаюць рашэння
   *[other] { $count } перанакіраванняў чакаюць рашэння
}
inbox-transfers = { $plural ->
    [one] { $count } перадача выпадку чакае прыняцця
    [few] { $count } перадачы выпадкаў чакаюць прыняцця
   *[other] { $count } перадач выпадкаў чакаюць прыняцця
}
inbox-overdue = { $plural ->
    [one] { $count } пратэрмінавана
    [few] { $count } пратэрмінавана
   *[other] { $count } пратэрмінавана
}
inbox-due-soon = { $plural ->
    [one] { $count } з тэрмінам у бліжэйшыя тры дні
    [few] { $count } з тэрмінам у бліжэйшыя тры дні
   *[other] { $count } з тэрмінам у бліжэйшыя тры дні
}
inbox-to-decide-title = Прыняць або адхіліць
inbox-transfers-title = Перадачы выпадкаў
inbox-overdue-title = Пратэрмінавана
inbox-due-soon-title = Тэрмін у бліжэйшыя тры дні
overrides-title = Перанакіраванні без згоды
overrides-lead = Кіраўнік адправіў гэтыя перанакіраванні без згоды чалавека, указаўшы прычыну. Праверце кожнае.
overrides-none = Перанакіраванняў без згоды няма.
overrides-review = Адзначыць правераным
overrides-reviewed = Праверана
partners-col-capacity = Магчымасці
field-referral-transition = З бягучага стану перанакіравання гэта немагчыма.
field-referral-wrong-side = Гэта робіць іншы бок перанакіравання.
field-referral-to-self = Выберыце іншую арганізацыю: вядучая арганізацыя не можа перанакіраваць выпадак сабе.
field-override-not-allowed = Адправіць перанакіраванне без згоды чалавека можа толькі кіраўнік.
field-due-before-acceptance = Тэрмін выканання не можа быць раней за тэрмін прыняцця.
event-referral-sent = Перанакіраваны партнёру
event-referral-accepted = Перанакіраванне прынята
event-referral-declined = Перанакіраванне адхілена
event-referral-in_progress = Праца па перанакіраванні пачата
event-referral-completed = Перанакіраванне выканана
event-referral-cancelled = Перанакіраванне адменена
event-referral-note = Нататка па перанакіраванні
event-transfer-sent = Прапанавана перадача вядзення выпадку
event-transfer-completed = Вядзенне выпадку перададзена
event-transfer-declined = Перадача адхілена
event-transfer-cancelled = Перадача адменена
event-mdg-discussed = Абмеркаваны міждысцыплінарнай групай
notice-directory-saved = Звесткі для даведніка захаваны.
directory-filter-service = Паслуга, якую аказваюць
directory-services = Паслугі, якія аказваюць
directory-contacts = Кантакты
directory-edit = Змяніць звесткі
directory-public-link = Адкрыты спіс арганізацый
directory-public-title = Дзе знайсці дапамогу
directory-public-lead = Арганізацыі нацыянальнага механізму перанакіравання, якія вырашылі быць у адкрытым спісе, з тымі звесткамі, якія яны вырашылі апублікаваць.
directory-address = Адрас
directory-phone = Тэлефон
directory-email = Электронная пошта
directory-hours = Гадзіны працы
directory-languages = Мовы
directory-capacity = Магчымасці (месцы, нагрузка)
directory-details-title = Звесткі для даведніка
directory-details-lead = Што даведнік партнёраў паказвае пра гэтую арганізацыю, якія паслугі падбіраюцца пры перанакіраванні і што можна паказаць у адкрытым спісе.
directory-publish = Адкрыты спіс
directory-publish-hint = Ніколі не публікуйце адрас прытулку. Назва, тып і рэгіён бачныя, калі арганізацыя ў спісе; адзначце, што яшчэ яна публікуе.
directory-published = Паказваць арганізацыю ў адкрытым спісе
directory-field-city = Горад
directory-field-address = Адрас
directory-field-phone = Тэлефон
directory-field-email = Электронная пошта
directory-field-hours = Гадзіны працы
directory-field-languages = Мовы
directory-field-services = Паслугі, якія аказваюць
## rehab
nav-rehab = Рэабілітацыйны цэнтр
nav-rehab-day = Цэнтр: сёння
nav-rehab-stats = Статыстыка цэнтра
rehab-title = Рэабілітацыйны цэнтр
rehab-lead = Змены для жанчын, для мужчын, для дзяцей з бацькамі і для сем'яў пацярпелых; знаходжанні па выпадках, індывідуальны план рэабілітацыі і выпіска. Календары паказваюць толькі коды выпадкаў.
rehab-rooms-beds = { $plural ->
    [one] { $count } ложак
    [few] { $count } ложкі
    [many] { $count } ложкаў
   *[other] { $count } ложка
}
rehab-rooms = { $plural ->
    [one] { $count } пакой
    [few] { $count } пакоі
    [many] { $count } пакояў
   *[other] { $count } пакоя
}
rehab-persons = { $plural ->
    [one] { $count } чалавек
    [few] { $count } чалавекі
    [many] { $count } чалавек
   *[other] { $count } чалавека
}
rehab-minutes-n = { $plural ->
    [one] { $count } хвіліна
    [few] { $count } хвіліны
    [many] { $count } хвілін
   *[other] { $count } хвіліны
}
rehab-no-shifts = Побач з сённяшнім днём змен няма.
rehab-shifts-caption = Змены цэнтра
rehab-col-shift = Змена
rehab-col-dates = Даты
rehab-col-capacity = Месцаў
rehab-col-tonight = Жыве сёння
rehab-col-waiting = У лісце чакання
rehab-col-sex = Пол
rehab-col-age-band = Узроставая група
rehab-col-legal = Прававы статус
rehab-col-accompanying = Суправаджальныя сваякі
rehab-col-who = Хто
rehab-col-bed = Ложак
rehab-col-status = Стан
rehab-col-actions = Дзеянні
rehab-now = зараз
rehab-referred = Накіраваны на знаходжанне
rehab-referred-hint = Выпадкі, накіраваныя ў ваш цэнтр, па якіх прыём яшчэ не аформлены. Адкрыйце змену і ўвядзіце код выпадку.
rehab-referred-none = Выпадкаў, якія чакаюць прыёму, няма.
rehab-plan-shift = Запланаваць змену
rehab-centre = Цэнтр
rehab-shift-kind = Від змены
rehab-starts-on = Першы дзень
rehab-ends-on = Апошні дзень (выезд)
rehab-capacity = Месцаў (чалавек за ноч)
rehab-capacity-hint = Не больш за колькасць ложкаў цэнтра.
rehab-add-centre = Дадаць цэнтр
rehab-centre-name = Назва цэнтра
rehab-rooms-spec = Пакоі і ложкі
rehab-rooms-hint = Кожны пакой з колькасцю ложкаў, напрыклад: 101: 3, 102: 2
rehab-add-room = Дадаць пакой
rehab-room-name = Пакой
rehab-room-beds = Ложкаў
rehab-shift-rule = Каго прымаюць
rehab-rule-Women = Жанчын; дзяўчынак і хлопчыкаў да 13 гадоў з маці. Дзяцей — толькі з бацькам, маці або законным прадстаўніком у той жа змене.
rehab-rule-Men = Мужчын; хлопчыкаў і дзяўчынак да 13 гадоў з бацькам. Дзяцей — толькі з бацькам, маці або законным прадстаўніком у той жа змене.
rehab-rule-ChildrenWithParents = Дзяцей, кожнага з бацькам, маці або законным прадстаўніком; кожны дарослы суправаджае дзіця.
rehab-rule-Families = Сем'і пацярпелых; дзяцей — толькі з бацькам, маці або законным прадстаўніком у той жа змене.
rehab-admit = Прыняць па выпадку
rehab-case-code = Код выпадку
rehab-admit-next = Далей
rehab-stays = Знаходжанні
rehab-no-stays = У гэтую змену яшчэ нікога не прынялі.
rehab-the-person = Сам чалавек
rehab-child = дзіця
rehab-arrived = Прыбыў(-ла)
rehab-cancel = Адмяніць
rehab-discharge = Выпісаць
rehab-waiting-list = Ліст чакання
rehab-waiting-none = Ніхто не чакае.
rehab-place = Прыняць у змену
rehab-not-admissible = Прыняць па гэтым выпадку пакуль нельга:
rehab-who-comes = Хто прыязджае (сам чалавек і сваякі, звязаныя з выпадкам)
rehab-bed-any = Першы вольны ложак
rehab-planned-from = Заезд
rehab-planned-to = Выезд
rehab-arrived-now = Прыбыў(-ла) сёння (знаходжанне пачынаецца зараз)
rehab-consent-hint = Інфармаваная згода чалавека на знаходжанне і правілы цэнтра запісваецца ў выпадку; за дзіця — згода законнага прадстаўніка.
rehab-to-waiting-list = Паставіць у ліст чакання
rehab-stay = Знаходжанне
rehab-open-case = Адкрыць выпадак
rehab-with = Прыняты(-ая) разам з
rehab-plan = Індывідуальны план рэабілітацыі
rehab-plan-empty = Мэт пакуль няма.
rehab-plan-add = Дадаць мэту
rehab-kind = Від рэабілітацыі
rehab-goal = Мэта
rehab-activities = Мерапрыемствы
rehab-save = Захаваць
rehab-sessions = Заняткі
rehab-sessions-none = Заняткаў пакуль не было.
rehab-session-add = Запісаць заняткі
rehab-held-on = Дзень
rehab-held-by = Правёў(-ла)
rehab-minutes = Хвілін
rehab-topic = Тэма
rehab-notes = Запісы пра ход рэабілітацыі
rehab-notes-hint = Пішуцца разам з чалавекам; захоўваюцца зашыфраванымі, кожнае чытанне запісваецца.
rehab-notes-none = Запісаў пакуль няма.
rehab-note = Запіс
rehab-note-add = Дадаць запіс
rehab-participation = Як чалавек удзельнічаў
rehab-review = Вынікі пры выпісцы
rehab-discharge-children = Дзеці, якія прыехалі з чалавекам, выпісваюцца разам з ім.
rehab-left-on = Дзень выезду
rehab-reason = Прычына
rehab-destination = Куды
rehab-summary = Вынік знаходжання
rehab-summary-hint = Чаго ўдалося дасягнуць і што далей — так, як дамовіліся з чалавекам.
rehab-calendar-title = Каляндар запоўненасці
rehab-calendar-hint = Хто на якім ложку — толькі па кодзе выпадку.
rehab-from = З
rehab-to = Па
rehab-show = Паказаць
rehab-earlier = Раней
rehab-later = Пазней
rehab-legend-staying = жыве
rehab-legend-planned = запланавана
rehab-legend-child = дзіця
rehab-day-title = Дзень у цэнтры
rehab-date = Дзень
rehab-day-occupied = Сёння занята { $occupied } з { $beds } ложкаў
rehab-day-beds = Ложкі на гэтую ноч
rehab-bed-free = вольны
rehab-until = да { $date }
rehab-day-arriving = Заязджаюць
rehab-day-leaving = Выязджаюць
rehab-none = Няма.
rehab-stats-title = Статыстыка рэабілітацыйнага цэнтра
rehab-stat-stays = Знаходжанні
rehab-stat-bed-nights = Ложка-дні
rehab-stat-occupancy = Запоўненасць
rehab-stat-average = Сярэдняя працягласць знаходжання (начэй)
rehab-stat-by-month = Ложка-дні па месяцах
rehab-stat-chart-title = Ложка-дні па месяцах, слупковая дыяграма; тыя ж лічбы — у табліцы ніжэй.
rehab-stat-by-kind = Па відах змен
rehab-stat-by-sex = Па поле
rehab-stat-by-age = Па ўзроставых групах
rehab-stat-by-citizenship = Па грамадзянстве
rehab-stat-services = Паслугі падчас знаходжання
rehab-stat-offered = Ложка-дзён, прапанаваных зменамі за перыяд: { $offered }.
rehab-month = Месяц
rehab-unknown = Невядома
rehab-citizenship = Грамадзянства
rehab-service = Паслуга
rehab-count = Колькасць
rehab-status-Waiting = Ліст чакання
rehab-status-Planned = Запланавана
rehab-status-Admitted = Жыве
rehab-status-Discharged = Выпісаны(-ая)
rehab-status-Cancelled = Адменена
rehab-reason-ProgrammeCompleted = Праграма пройдзена
rehab-reason-OwnDecision = Уласнае рашэнне чалавека
rehab-reason-TransferredElsewhere = Перададзены(-ая) ў іншую службу
rehab-reason-HealthReasons = Па стане здароўя
rehab-reason-RulesBroken = Парушэнне правіл цэнтра
rehab-reason-Other = Іншае
rehab-destination-Home = Дадому
rehab-destination-Relatives = Да сваякоў
rehab-destination-OwnHousing = Сваё або арэнднае жыллё
rehab-destination-Shelter = Іншы прытулак
rehab-destination-Hospital = Бальніца
rehab-destination-ReturnAbroad = Вяртанне ў краіну паходжання
rehab-destination-Unknown = Невядома
rehab-goal-Open = У рабоце
rehab-goal-Achieved = Дасягнута
rehab-goal-PartlyAchieved = Дасягнута часткова
rehab-goal-NotAchieved = Не дасягнута
rehab-participation-CoWritten = Напісана разам
rehab-participation-ReadAndAgreed = Прачытана чалавеку, ён (яна) згодны(-ая)
rehab-participation-PersonsOwnWords = Словамі самога чалавека
rehab-citizenship-Citizen = Грамадзяне Беларусі
rehab-citizenship-Foreigner = Замежнікі
rehab-citizenship-Stateless = Асобы без грамадзянства
rehab-notice-centre-added = Цэнтр дададзены.
rehab-notice-room-added = Пакой дададзены.
rehab-notice-shift-planned = Змена запланавана.
rehab-notice-admitted = Прыняты(-ая): знаходжанне пачалося.
rehab-notice-planned = Прыём запланаваны; адзначце прыбыццё ў дзень заезду.
rehab-notice-waiting = Змена запоўнена: прыём пастаўлены ў ліст чакання.
rehab-notice-arrived = Прыбыццё адзначана.
rehab-notice-cancelled = Прыём адменены.
rehab-notice-placed = Прыём перанесены з ліста чакання і запланаваны.
rehab-notice-plan-added = Мэта дададзена ў план.
rehab-notice-plan-updated = Мэта абноўлена.
rehab-notice-session-added = Заняткі запісаны.
rehab-notice-note-added = Запіс дададзены (зашыфраваны).
rehab-notice-discharged = Выпіска аформлена.
event-rehab-admitted = Прыняты(-ая) ў рэабілітацыйны цэнтр
event-rehab-waiting = У лісце чакання рэабілітацыйнага цэнтра
event-rehab-arrived = Прыбыў(-ла) у рэабілітацыйны цэнтр
event-rehab-cancelled = Прыём у рэабілітацыйны цэнтр адменены
event-rehab-discharged = Выпісаны(-ая) з рэабілітацыйнага цэнтра
event-rehab-plan = План рэабілітацыі: дададзена мэта
event-rehab-session = Праведзены заняткі рэабілітацыі
event-rehab-note = Дададзены запіс пра ход рэабілітацыі
field-stay-not-eligible = Няма права на знаходжанне: статус пацярпелага не пацверджаны.
field-stay-consent-missing = Няма згоды: запішыце ў выпадку інфармаваную згоду чалавека на знаходжанне ў цэнтры і яго правілы (за дзіця — законнага прадстаўніка).
field-case-closed = Выпадак закрыты: адкрыйце яго зноў перад прыёмам.
field-capacity-range = Укажыце колькасць месцаў ад 1 да { $max }.
field-capacity-over-beds = Больш, чым ложкаў у цэнтры: не больш за { $max }.
field-shift-too-long = Змена доўжыцца не больш за { $max } дзён.
field-stay-too-short = Знаходжанне — хаця б адна ноч: выезд пазней за заезд.
field-stay-outside-shift = Знаходжанне павінна ўкладвацца ў змену: з { $from } па { $to }.
field-shift-women-only = Гэта жаночая змена: мужчыну ў яе прыняць нельга. Выберыце мужчынскую змену або змену для сем'яў.
field-shift-men-only = Гэта мужчынская змена: жанчыну ў яе прыняць нельга. Выберыце жаночую змену або змену для сем'яў.
field-child-too-old-for-shift = Дзіця іншага полу старэйшае за { $age } гадоў не жыве ў гэтай змене: выберыце змену для дзяцей з бацькамі або для сем'яў.
field-child-needs-companion = Дзіця прымаюць толькі разам з суправаджальным бацькам, маці або законным прадстаўніком у той жа змене: прыміце іх разам.
field-companion-dates = Дзіця не можа заставацца даўжэй за бацьку, маці або законнага прадстаўніка, з якім прыехала.
field-adult-needs-child = Гэтая змена — для дзяцей з бацькамі: дарослага прымаюць толькі разам з дзіцем.
field-bed-taken = Гэты ложак у гэтыя ночы заняты: выберыце іншы або пакіньце «першы вольны».
field-shift-full = Змена запоўнена: { $capacity } чалавек у ноч на { $date }. Пастаўце прыём у ліст чакання або выберыце іншыя даты.
field-not-arrived = Чалавек яшчэ не прыбыў.
field-child-left-behind = Дзіця, якое прыехала з чалавекам, яшчэ жыве: яны выпісваюцца разам.
field-participation-required = Укажыце, як чалавек удзельнічаў у запісе.
field-not-planned = Так можна змяніць толькі запланаваны прыём.
field-not-waiting = Гэтага прыёму няма ў лісце чакання.
field-session-outside-stay = Заняткі павінны быць у межах знаходжання: з { $from } па { $to }.
field-minutes-range = Укажыце ад 5 да 480 хвілін.
field-number-format = Увядзіце цэлы лік.
field-rooms-format = Запішыце кожны пакой як «назва: колькасць ложкаў» (ад 1 да 20), праз коску.
field-arrival-today = Прыбыццё сёння азначае дату заезду { $date }.
## hotline
case-from-hotline = Адкрыты па
case-from-hotline-link = кансультацыі гарачай лініі
nav-hotline = Журнал гарачай лініі
nav-hotline-new = Новая кансультацыя
nav-hotline-requests = Анлайн-звароты
nav-hotline-statistics = Статыстыка гарачай лініі
hotline-log-title = Кансультацыі гарачай лініі
hotline-new-title = Новая кансультацыя
hotline-new-lead = Запаўняйце падчас размовы. Усе звесткі пра таго, хто тэлефануе, неабавязковыя: чалавек застаецца ананімным, калі сам не вырашыць інакш.
hotline-keys-hint = Клавіятура: Tab — да наступнага поля, Ctrl+Enter — захаваць; Alt+Shift+C канал, D краіна, T тэмы, Q пытанне, A адказ, O вынік, S захаваць. Форма захоўваецца як зашыфраваная чарнавіца падчас уводу.
hotline-working-hours = Час працы: { $hours }.
hotline-channel = Канал
hotline-started-at = Час
hotline-duration = Працягласць, хвілін
hotline-destination = Краіна прызначэння
hotline-topics = Тэмы
hotline-topic = Тэма
hotline-caller = Хто тэлефануе
hotline-caller-hint = Толькі тое, што чалавек сказаў сам або што відавочна; астатняе пакіньце пустым.
hotline-sex = Пол
hotline-age-band = Узрост
hotline-region = Рэгіён
hotline-caller-type = Хто звяртаецца
hotline-not-said = Не пазначана
hotline-question = Пытанне
hotline-answer = Дадзены адказ
hotline-outcome = Вынік
hotline-outcome-hint = Кансультацыю, у якой відаць прыкметы гандлю людзьмі, можна са старонкі кансультацыі перадаць у выпадак — са згоды чалавека.
hotline-referred-to = Накіраваны(-ая) у
hotline-no-referral = Нікуды
hotline-repeat = Паўторны зварот
hotline-repeat-hint = Толькі са згоды таго, хто тэлефануе: нумар або Viber-ідэнтыфікатар звязвае яго кансультацыі. Захоўваецца толькі ключавы хэш, а не сам нумар.
hotline-caller-contact = Нумар тэлефона або Viber-ідэнтыфікатар
hotline-repeat-consent = Чалавек згодны, каб яго пазнавалі пры наступных зваротах
hotline-save = Захаваць кансультацыю
hotline-save-draft = Захаваць чарнавіцу
hotline-discard-draft = Выдаліць чарнавіцу
hotline-autosaved = Чарнавіца захавана ў
hotline-autosave-failed = Не ўдалося захаваць чарнавіцу; не зачыняйце старонку і паспрабуйце яшчэ раз.
hotline-notice-saved = Кансультацыя захавана. Форма гатовая да наступнага званка.
hotline-notice-draft-saved = Чарнавіца захавана (зашыфравана).
hotline-notice-draft-discarded = Чарнавіца выдалена.
hotline-open-saved = Адкрыць кансультацыю { $n }
hotline-draft-resumed = Працягваеце чарнавіцу, захаваную { $at }.
hotline-from = З
hotline-to = Па
hotline-mine = Толькі мае
hotline-log-empty = Адпаведных кансультацый няма.
hotline-older = Больш раннія кансультацыі
hotline-repeat-tag = паўторна
hotline-same-caller-shown = Паказаны кансультацыі таго ж чалавека (ён пагадзіўся, каб яго пазнавалі).
hotline-show-all = Паказаць усе
hotline-consultation-title = Кансультацыя
hotline-consultation-heading = Кансультацыя ад { $at }
hotline-calls-of-caller = { $plural ->
    [one] { $count } кансультацыя гэтага чалавека
    [few] { $count } кансультацыі гэтага чалавека
   *[other] { $count } кансультацый гэтага чалавека
}
hotline-show-same-caller = Паказаць
hotline-anonymous = Ананімна
hotline-case = Выпадак
hotline-said = Што было сказана
hotline-said-hint = Зашыфравана; кожны прагляд запісваецца ў журнал аўдыту.
hotline-no-text = Тэкст не запісаны (перанесеная гісторыя).
hotline-escalate-title = Перадаць у выпадак
hotline-escalate-lead = Калі ў кансультацыі відаць прыкметы гандлю людзьмі і чалавек згодны, зарэгіструйце яго і адкрыйце выпадак за адзін крок. Сказанае пераносіцца ў зашыфраваную нататку выпадку, а выпадак і кансультацыя спасылаюцца адно на адно.
hotline-escalate-phone = Тэлефон (неабавязкова)
hotline-escalate-consent = Чалавек згодны на апрацоўку яго даных і адкрыццё выпадку (вусная згода)
hotline-escalate = Адкрыць выпадак
hotline-escalation-note = З кансультацыі гарачай лініі ад { $at } ({ $channel }; { $topics }). Пытанне: { $question } Адказ: { $answer }
hotline-statistics-title = Статыстыка гарачай лініі
hotline-year = Год
hotline-month = Месяц
hotline-all-years = Усе гады
hotline-total = кансультацый за перыяд
hotline-cumulative = чалавек атрымалі кансультацыі з пачатку ўліку
hotline-by-year = Па гадах
hotline-by-month = Па месяцах
hotline-chart-topics = Тэматыка зваротаў, { $period }
hotline-chart-years = Кансультацыі па гадах
hotline-chart-caption = Доля кансультацый па тэмах (у кансультацыі можа быць некалькі тэм); тыя ж лічбы — у табліцы ніжэй.
hotline-not-recorded = Не пазначана
hotline-export-csv = Спампаваць CSV
hotline-export-xlsx = Спампаваць XLSX
hotline-export-section = Разрэз
hotline-export-label = Значэнне
hotline-export-code = Код
hotline-export-count = Кансультацый
hotline-export-share = Доля, %
hotline-queue-title = Анлайн-звароты
hotline-queue-lead = Звароты з публічнай формы. Тыя, што прыйшлі па-за працоўным часам ({ $hours }), чакаюць тут наступнай змены; самыя старыя — першымі.
hotline-queue-waiting = { $plural ->
    [one] { $count } анлайн-зварот чакае адказу
    [few] { $count } анлайн-звароты чакаюць адказу
   *[other] { $count } анлайн-зваротаў чакаюць адказу
}
hotline-waiting-for = Чакае
hotline-language = Мова
hotline-after-hours = па-за працоўным часам
hotline-answer-it = Адказаць
hotline-recently-answered = Нядаўна адказаныя
hotline-age = { $h } гадз { $m } хв
hotline-request-title = Анлайн-зварот
hotline-request-sent = Адпраўлена { $at }, чакала { $age }
hotline-send-answer = Адправіць адказ
consult-title = Спытайце гарачую лінію па бяспечным выездзе
consult-lead = Збіраецеся за мяжу на працу, вучобу або замуж? Задайце пытанне: кансультанты адказваюць бясплатна і ананімна. Вы атрымаеце код, па якім прачытаеце адказ тут жа; ні рэгістрацыя, ні імя не патрэбныя.
consult-lines = Або патэлефануйце, { $hours }:
consult-after-hours = Кансультанты адказваюць { $hours }. Ваш зварот пачакае і атрымае адказ у бліжэйшую працоўную змену.
consult-quick-exit = Хутка сысці са старонкі
consult-quick-exit-hint = Кнопка (або двойчы Esc) адразу адкрывае іншы сайт.
consult-question = Ваша пытанне
consult-question-hint = Не пішыце сваё імя, нумар тэлефона або адрас.
consult-topic = Тэма
consult-topic-none = Не ведаю
consult-honeypot = Пакіньце гэтае поле пустым
consult-privacy = Пытанне захоўваецца ў зашыфраваным выглядзе. Яго чытаюць толькі кансультанты гарачай лініі; адказ паказвае толькі атрыманы вамі код.
consult-send = Адправіць пытанне
consult-sending = Правяраем, што адпраўляе чалавек…
consult-sent-title = Ваша пытанне адпраўлена
consult-sent-lead = Захавайце гэты код. З ім, і толькі з ім, можна прачытаць адказ:
consult-sent-keep = Запішыце або захавайце яго. Мы не ведаем, хто вы, таму не зможам даслаць код паўторна.
consult-have-ticket = У мяне ёсць код: прачытаць адказ
consult-ticket-title = Прачытаць адказ
consult-ticket = Ваш код
consult-read = Паказаць адказ
consult-your-question = Ваша пытанне ад { $at }
consult-answer = Адказ
consult-not-yet = Адказу пакуль няма. Кансультанты адказваюць у працоўны час; зазірніце пазней.
consult-answered-at = Адказ дадзены { $at }.
consult-new = Задаць іншае пытанне
field-number-range = Увядзіце лік ад { $min } да { $max }.
field-too-many = Выберыце не больш за { $max }.
field-needs-caller-consent = Нумар захоўваецца толькі са згоды таго, хто тэлефануе: адзначце згоду або сатрыце нумар.
field-contact-format = Увядзіце нумар тэлефона (ад 5 да 15 лічбаў) або Viber-ідэнтыфікатар.
field-datetime-format = Увядзіце дату і час, напрыклад 2026-03-02 14:30.
field-escalation-needs-consent = Выпадак адкрываецца толькі са згоды чалавека.
field-honeypot = Не ўдалося адправіць зварот.
field-challenge-expired = Форма састарэла: абнавіце старонку і адпраўце зноў.
field-proof-failed = Праверка не пройдзена: абнавіце старонку і адпраўце зноў.
field-too-fast = Пачакайце некалькі секунд і адпраўце зноў.
field-no-such-ticket = Звароту з такім кодам няма. Праверце код і паспрабуйце зноў.
field-already-answered = На гэты зварот ужо адказалі.
month-1 = Студзень
month-2 = Люты
month-3 = Сакавік
month-4 = Красавік
month-5 = Май
month-6 = Чэрвень
month-7 = Ліпень
month-8 = Жнівень
month-9 = Верасень
month-10 = Кастрычнік
month-11 = Лістапад
month-12 = Снежань
## prevention

home-campaigns-heading = Інфармацыйныя кампаніі
home-consultation-link = Задаць пытанне анлайн
home-partners-heading = Арганізацыі, у якія можна звярнуцца
home-public-statistics-link = Адкрытая статыстыка
home-selfcheck-heading = Перад паездкай: парады і самаправерка
nav-campaigns = Кампаніі
nav-prevention-statistics = Статыстыка прафілактыкі
nav-public-pages = Старонкі сайта
nav-public-partners = Партнёры на сайце
nav-quizzes = Тэсты
nav-trainings = Навучанне
prevention-attended = Прысутнічаў(ла)
prevention-attended-label = { $name } прысутнічаў(ла)
prevention-average-gain = Сярэдні прырост ведаў (балаў са 100)
prevention-back-home = На галоўную
prevention-campaign-by-year = Ахоп па гадах
prevention-campaign-channels = Каналы
prevention-campaign-create = Запісаць кампанію
prevention-campaign-edit = Змяніць кампанію
prevention-campaign-materials = Матэрыялы
prevention-campaign-name = Назва
prevention-campaign-new = Новая кампанія
prevention-campaign-partners = Партнёры
prevention-campaign-period = Перыяд
prevention-campaign-reach = Ахоп, чалавек
prevention-campaign-regions = Вобласці
prevention-campaign-status = Статус
prevention-campaign-summary = Пра што кампанія (відаць на сайце)
prevention-campaign-target-groups = Мэтавыя групы
prevention-campaign-theme = Тэма
prevention-campaign-total-line = { $materials } матэрыялаў ахапілі каля { $people } чалавек.
prevention-campaign-totals = Вынікі
prevention-campaigns-lead = Кампаніі, іх матэрыялы і ахоп, які ўносіцца па меры паступлення даных; апублікаваная кампанія бачная на сайце.
prevention-campaigns-none = Кампаній пакуль няма.
prevention-campaigns-title = Інфармацыйныя кампаніі
prevention-certificate = Сертыфікат
prevention-certificate-certifies = Гэты сертыфікат пацвярджае, што
prevention-certificate-completed = прайшоў навучанне
prevention-certificate-completed-f = прайшла навучанне
prevention-certificate-for = Сертыфікат: { $name } (PDF)
prevention-certificate-heading = Сертыфікат
prevention-certificate-number = Сертыфікат № { $number }
prevention-certificate-trainers = Трэнеры: { $names }
prevention-column-full-name = Прозвішча, імя
prevention-column-sex = Пол
prevention-column-organisation = Арганізацыя
prevention-column-organisation-type = Тып арганізацыі
prevention-column-region = Вобласць
prevention-column-mdg-member = Удзельнік МДГ
prevention-copies = Асобнікі
prevention-course = Курс
prevention-course-create = Запісаць курс
prevention-course-description = Змест
prevention-course-new = Новы курс
prevention-course-organiser = Арганізатар
prevention-course-title = Назва
prevention-courses = Курсы
prevention-courses-none = Спачатку запішыце курс.
prevention-dates = Даты
prevention-draft = Чарнавік
prevention-ends-on = Апошні дзень
prevention-event-add = Дадаць мерапрыемства
prevention-event-add-expert = Дадаць запрошаных экспертаў
prevention-event-add-participants = Дадаць удзельнікаў
prevention-event-ages = ва ўзросце { $ages }
prevention-event-ages-hint = Узрост удзельнікаў аднаго полу і вобласці, напрыклад 19, 21, 24. Імёны не запісваюцца.
prevention-event-ages-label = Узрост
prevention-event-experts = Запрошаныя эксперты
prevention-event-experts-count = Колькі экспертаў
prevention-event-name = Мерапрыемства
prevention-event-topic = Тэма выступлення
prevention-events = Мерапрыемствы
prevention-feedback = Водгукі
prevention-feedback-add = Запісаць водгук
prevention-feedback-average = Сярэдняя ацэнка
prevention-feedback-comment = Каментарый
prevention-feedback-hint = Анкеты зваротнай сувязі ананімныя: запісвайце іх без імёнаў.
prevention-feedback-rating = Ацэнка { $rating } з 5
prevention-feedback-rating-label = Ацэнка (1–5)
prevention-from-directory = З даведніка арганізацый
prevention-gain = Прырост
prevention-import = Загрузіць спіс удзельнікаў
prevention-import-bad-file = Файл не з'яўляецца ні тэкстам CSV, ні кнігай XLSX.
prevention-import-empty = У спісе няма ўдзельнікаў.
prevention-import-file = Файл CSV або XLSX
prevention-import-header = У першым радку павінны быць назвы слупкоў: прозвішча, імя; пол; арганізацыя (і пры жаданні тып арганізацыі, вобласць, удзельнік МДГ).
prevention-import-hint = Першы радок — назвы слупкоў (full_name, sex, organisation, organisation_type, region, mdg_member або тое ж па-руску ці па-беларуску). Прымаюцца коды і назвы на любой мове; арганізацыя з даведніка сама падстаўляе тып і вобласць.
prevention-import-mode = Калі ў некаторых радках памылкі
prevention-import-mode-all = нічога не загружаць (выправіць файл і адправіць зноў)
prevention-import-mode-valid = загрузіць толькі правільныя радкі
prevention-import-no-file = Выберыце файл.
prevention-import-nothing = Нічога не загружана: выпраўце радкі ніжэй і адпраўце файл зноў або выберыце загрузку толькі правільных радкоў.
prevention-import-report = Справаздача аб загрузцы
prevention-import-result = Вынік
prevention-import-row = Радок
prevention-import-row-ok = без памылак
prevention-import-submit = Праверыць і загрузіць
prevention-material-add = Дадаць матэрыял
prevention-material-kind = Від
prevention-material-title = Назва
prevention-materials = Матэрыялы
prevention-materials-none = Матэрыялаў пакуль няма.
prevention-max-score = Максімальны бал тэсту
prevention-max-score-hint = Адзін і той жа тэст праходзяць да і пасля навучання.
prevention-mdg = Удзельнік міжведамаснай групы (МДГ)
prevention-measured-on = Дата даных
prevention-multiple-hint = Утрымлівайце Ctrl (або Cmd), каб выбраць некалькі.
prevention-online = Анлайн
prevention-organisation = Арганізацыя
prevention-organisation-directory = Арганізацыя з даведніка
prevention-organisation-name = Або яе назва, калі яе няма ў даведніку
prevention-organisation-name-hint = Тады выберыце таксама тып і вобласць.
prevention-organisation-other = Няма ў даведніку
prevention-organisation-type = Тып арганізацыі
prevention-page-body = Тэкст
prevention-page-body-hint = Раздзяляйце абзацы пустым радком.
prevention-page-edit = Старонка сайта
prevention-page-never-published = Яшчэ не апублікаваная: наведвальнікі яе не бачаць.
prevention-page-new-hint = Каб пачаць новую старонку, адкрыйце /content/pages/ і яе адрас, напрыклад /content/pages/study-abroad.
prevention-page-preview-note = Папярэдні прагляд: так чарнавік убачаць наведвальнікі пасля публікацыі.
prevention-page-published-at = Апублікавана
prevention-page-save-draft = Захаваць чарнавік
prevention-page-title = Загаловак
prevention-page-unpublished-changes = у чарнавіку ёсць неапублікаваныя змены
prevention-pages-lead = Старонкі сайта, напрыклад парады па бяспечным выездзе. Змяніце чарнавік, паглядзіце і апублікуйце.
prevention-pages-title = Старонкі сайта
prevention-participant-add = Дадаць удзельніка
prevention-participants = Удзельнікі
prevention-participants-none = Удзельнікаў пакуль няма.
prevention-partners-lead = Арганізацыі, якія пагадзіліся быць указанымі на сайце, каб наведвальнікі ведалі, куды звярнуцца.
prevention-partners-legend = Указаны на сайце
prevention-partners-title = Партнёры на сайце
prevention-people-reached = Ахоп, чалавек
prevention-place = Месца
prevention-place-or-platform = Месца (або платформа, калі анлайн)
prevention-points-unit = { "" } б.
prevention-post-label = Бал выніковага тэсту: { $name }
prevention-post-test = Выніковы тэст (з { $max })
prevention-pre-label = Бал уваходнага тэсту: { $name }
prevention-pre-test = Уваходны тэст (з { $max })
prevention-preview = Папярэдні прагляд
prevention-preview-draft = Папярэдні прагляд: кампанія — чарнавік, на сайце яе пакуль няма.
prevention-preview-published = Папярэдні прагляд: так кампанія выглядае на сайце.
prevention-public-reach = Ахоп — каля { $people } чалавек.
prevention-publish = Апублікаваць
prevention-published = Апублікавана
prevention-quiz-advice = Парада
prevention-quiz-again = Прайсці яшчэ раз
prevention-quiz-answer = Адказ
prevention-quiz-answer-add = Дадаць адказ
prevention-quiz-answer-points = Балы
prevention-quiz-back-to-editor = Вярнуцца да рэдагавання
prevention-quiz-band-add = Дадаць дыяпазон балаў
prevention-quiz-band-max = Найбольшы бал
prevention-quiz-band-min = Найменшы бал
prevention-quiz-bands = Парады па балах
prevention-quiz-chosen = выбраны { $count } разоў
prevention-quiz-create = Стварыць тэст
prevention-quiz-intro = Уступ
prevention-quiz-max-score = Найбольшы магчымы бал: { $max }
prevention-quiz-meta = Назва і ўступ
prevention-quiz-new = Новы тэст
prevention-quiz-not-ready = Перад публікацыяй трэба:
prevention-quiz-nothing-kept = Вашы адказы не захоўваюцца: улічваецца толькі, колькі чалавек прайшлі тэст.
prevention-quiz-points = { $points } б.
prevention-quiz-preview-note = Папярэдні прагляд: адказы тут не ўлічваюцца.
prevention-quiz-problem-no_questions = дадаць пытанне
prevention-quiz-problem-question_without_choice = даць кожнаму пытанню не менш за два адказы
prevention-quiz-problem-score_without_advice = даць параду для кожнага магчымага бала
prevention-quiz-public-link = Адкрыць на сайце
prevention-quiz-published-hint = Апублікаваны тэст нельга мяняць: зніміце яго з публікацыі, каб змяніць.
prevention-quiz-question = Пытанне
prevention-quiz-question-add = Дадаць пытанне
prevention-quiz-questions = Пытанні
prevention-quiz-reached = атрыманы { $count } разоў
prevention-quiz-score = Ваш вынік: { $score } з { $max }.
prevention-quiz-slug = Адрас
prevention-quiz-slug-hint = Частка адраса /quizzes/…: малыя лацінскія літары, лічбы і злучкі, напрыклад safe-job-offer.
prevention-quiz-submit = Даведацца вынік
prevention-quiz-taken = Пройдзены
prevention-quiz-taken-line = пройдзены { $count } разоў
prevention-quiz-title = Назва
prevention-quiz-your-result = Ваш вынік
prevention-quizzes-lead = Тэсты самаправеркі для наведвальнікаў сайта. Складзіце тэст, паглядзіце яго і апублікуйце.
prevention-quizzes-public-lead = Кароткія ананімныя тэсты: адкажыце на некалькі пытанняў і атрымайце параду. Вашы адказы не захоўваюцца.
prevention-quizzes-public-title = Праверце сябе
prevention-quizzes-title = Тэсты самаправеркі
prevention-reach-add = Дадаць ахоп
prevention-reach-add-for = Дадаць ахоп: { $title }
prevention-region = Вобласць
prevention-region-none = Без вобласці (рэспубліканскі або анлайн)
prevention-released-on = Дата выхаду
prevention-results-save = Захаваць прысутнасць і балы
prevention-save = Захаваць
prevention-session-create = Запісаць занятак
prevention-session-new = Новы занятак
prevention-sessions = Заняткі
prevention-sessions-none = Заняткаў пакуль няма.
prevention-sex = Пол
prevention-starts-on = Першы дзень
prevention-stats-campaigns = Ахоп па кампаніях
prevention-stats-gain = Сярэдні прырост ведаў па гадах (балаў са 100)
prevention-stats-lead = Толькі зводныя даныя: па гэтых лічбах нельга даведацца пра чалавека.
prevention-stats-none = Даных пакуль няма.
prevention-stats-reach-year-theme = Ахоп у { $year } годзе па тэмах
prevention-stats-title = Статыстыка прафілактыкі і навучання
prevention-stats-trained-region = Навучана чалавек па абласцях
prevention-stats-trained-sex = Навучана чалавек па поле
prevention-stats-trained-type = Навучана чалавек па тыпах арганізацый
prevention-stats-trained-year = Навучана чалавек па гадах
prevention-stats-videos-articles = Відэа і артыкулы
prevention-stats-years = Ахоп па гадах
prevention-trainers = Трэнеры
prevention-trainers-hint = Імёны праз коску.
prevention-trainings-lead = Курсы навучальнага цэнтра і партнёраў, заняткі, удзельнікі, тэсты і сертыфікаты.
prevention-trainings-title = Навучанне спецыялістаў
prevention-unpublish = Зняць з публікацыі
prevention-views = Прагляды
prevention-year = Год
prevention-notice-campaign-created = Кампанія запісана як чарнавік.
prevention-notice-campaign-updated = Кампанія захавана.
prevention-notice-campaign-published = Кампанія апублікавана на сайце.
prevention-notice-campaign-unpublished = Кампанія знята з сайта.
prevention-notice-material-added = Матэрыял дададзены.
prevention-notice-reach-added = Ахоп запісаны.
prevention-notice-event-added = Мерапрыемства дададзена.
prevention-notice-participants-added = Удзельнікі запісаны.
prevention-notice-expert-added = Эксперты запісаны.
prevention-notice-course-created = Курс запісаны.
prevention-notice-session-created = Занятак запісаны.
prevention-notice-participant-added = Удзельнік дададзены.
prevention-notice-results-saved = Прысутнасць і балы захаваны.
prevention-notice-feedback-added = Водгук запісаны.
prevention-notice-no-certificate = Сертыфікат выдаецца толькі ўдзельнікам, якія прысутнічалі.
prevention-notice-quiz-created = Тэст створаны. Дадайце пытанні, адказы і парады, потым апублікуйце.
prevention-notice-quiz-updated = Тэст захаваны.
prevention-notice-question-added = Пытанне дададзена.
prevention-notice-answer-added = Адказ дададзены.
prevention-notice-band-added = Парада дададзена.
prevention-notice-quiz-published = Тэст апублікаваны на сайце.
prevention-notice-quiz-unpublished = Тэст зняты з сайта.
prevention-notice-page-saved = Чарнавік захаваны; наведвальнікі пакуль бачаць апублікаваную версію.
prevention-notice-page-published = Старонка апублікавана.
prevention-notice-partners-saved = Спіс партнёраў на сайце захаваны.
prevention-month-1 = студзеня
prevention-month-2 = лютага
prevention-month-3 = сакавіка
prevention-month-4 = красавіка
prevention-month-5 = мая
prevention-month-6 = чэрвеня
prevention-month-7 = ліпеня
prevention-month-8 = жніўня
prevention-month-9 = верасня
prevention-month-10 = кастрычніка
prevention-month-11 = лістапада
prevention-month-12 = снежня
field-slug-chars = Выкарыстоўвайце ад 2 да 60 малых лацінскіх літар, лічбаў і злучак.
field-band-order = Найбольшы бал меншы за найменшы.
field-band-overlap = Гэты дыяпазон перасякаецца з ужо зададзеным.
field-reach-empty = Укажыце прагляды, удзельнікаў або асобнікі.
field-choose-answer = Выберыце адказ.
field-quiz-published = Апублікаваны тэст нельга мяняць: спачатку зніміце яго з сайта.
field-quiz-incomplete = Тэст яшчэ не гатовы: гл. вышэй, чаго не хапае.
field-yes-no = Напішыце «так» або «не».
list-target_group = Мэтавыя групы кампаній
prevention-reach-entries = { $plural ->
    [one] { $count } запіс
    [few] { $count } запісы
    [many] { $count } запісаў
   *[other] { $count } запісу
}
prevention-event-participants = { $plural ->
    [one] { $count } удзельнік
    [few] { $count } удзельнікі
    [many] { $count } удзельнікаў
   *[other] { $count } удзельніка
}
prevention-import-checked = { $plural ->
    [one] Праверана { $count } радок.
    [few] Праверана { $count } радкі.
    [many] Праверана { $count } радкоў.
   *[other] Праверана { $count } радка.
}
prevention-import-invalid = { $plural ->
    [one] З памылкамі: { $count }.
   *[other] З памылкамі: { $count }.
}
prevention-import-imported = { $plural ->
    [one] Загружаны { $count } удзельнік.
    [few] Загружана { $count } удзельнікі.
    [many] Загружана { $count } удзельнікаў.
   *[other] Загружана { $count } удзельніка.
}
prevention-import-too-many = { $plural ->
    [one] Спіс занадта доўгі: не больш за { $count } радок за раз.
   *[other] Спіс занадта доўгі: не больш за { $count } радкоў за раз.
}
prevention-import-too-large = { $plural ->
    [one] Файл занадта вялікі: не больш за { $count } МіБ.
   *[other] Файл занадта вялікі: не больш за { $count } МіБ.
}
