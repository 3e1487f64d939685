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
problem-internal = Унутраная памылка
problem-internal-detail = Запыт не выкананы, нічога не зменена. Памылка запісана ў журнал.

field-required = Абавязковае поле.
field-too-long = Занадта доўга: не больш за { $max } сімвалаў.
field-unknown-code = Невядомае значэнне: выберыце са спіса.
field-code-chars = У кодзе дапушчальныя толькі лацінскія літары, лічбы і знакі - _ + .
field-list-not-extensible = Гэты даведнік вызначаны стандартам або правіламі; дадаваць запісы нельга.
field-control-chars = Выдаліце кіроўныя сімвалы (табуляцыю, пераводы радкоў).
