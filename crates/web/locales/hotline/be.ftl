# Mayak user interface, Belarusian: The hotline: checks during a call, Viber and e-mail channels.
# Loaded after ../be.ftl; a key may be defined only once per language.

## Праверкі падчас званка
nav-hotline-checks = Праверкі падчас званка
nav-hotline-register = Рэестр ліцэнзій і кантакты
hotline-checks-title = Праверкі падчас званка
hotline-checks-bar = Праверкі падчас званка (форма захоўваецца як чарнавік):
hotline-checks-back = Вярнуцца да кансультацыі (чарнавік захаваны)
hotline-check-agencies = Ці ёсць у агенцтва ліцэнзія?
hotline-check-offer = Праверка прапановы працы
hotline-check-contacts = Пасольства і кантакты дапамогі
hotline-agencies-lead = Пошук у рэестры агенцтваў, якія маюць ліцэнзію на працаўладкаванне за мяжой, па назве або нумары ліцэнзіі.
hotline-agency-search = Назва агенцтва або нумар ліцэнзіі
hotline-agency-check = Праверыць
hotline-agency-matches = Знойдзеныя запісы рэестра
hotline-agency-name = Агенцтва
hotline-agency-city = Горад
hotline-agency-countries = Краіны працаўладкавання
hotline-agency-countries-hint = Каб выбраць некалькі краін, утрымлівайце Ctrl (⌘ на Mac).
hotline-licence-number = Нумар ліцэнзіі
hotline-licence-answer = Адказ
hotline-licence-term = Тэрмін ліцэнзіі
hotline-licence-from = Дзейнічае з
hotline-licence-until = Дзейнічае па
hotline-licence-until-hint = Пакіньце пустым для бестэрміновай ліцэнзіі.
hotline-licence-status = Статус паводле звестак ліцэнзуючага органа
hotline-licence-status-valid = дзейнічае
hotline-licence-status-suspended = прыпынена
hotline-licence-status-revoked = адклікана
hotline-licence-valid-range = з { $from } па { $until }
hotline-licence-valid-open = з { $from }, бестэрмінова
hotline-register-updated = Рэестр у «Маяку» апошні раз абноўлены { $at }.
hotline-register-empty = Рэестр у «Маяку» пусты.
hotline-verdict-licensed = Ліцэнзія дзейнічае
hotline-verdict-not_yet_valid = Ліцэнзія яшчэ не ўступіла ў сілу
hotline-verdict-expired = Тэрмін ліцэнзіі скончыўся
hotline-verdict-suspended = Ліцэнзія прыпынена
hotline-verdict-revoked = Ліцэнзія адклікана
hotline-verdict-not_in_register = Няма ў рэестры
hotline-verdict-advice-licensed = Агенцтва мае права працаўладкоўваць за мяжой. Параіце заключыць дагавор з агенцтвам і праверыць, што ў ім названы працадаўца, аплата і хто плаціць за дарогу.
hotline-verdict-advice-not_yet_valid = Ліцэнзія пачне дзейнічаць пазней: пакуль агенцтва не мае права працаўладкоўваць. Параіце пачакаць або выбраць іншае ліцэнзаванае агенцтва.
hotline-verdict-advice-expired = Тэрмін ліцэнзіі скончыўся: агенцтва больш не мае права працаўладкоўваць. Параіце не плаціць і не аддаваць дакументы.
hotline-verdict-advice-suspended = Дзеянне ліцэнзіі прыпынена: зараз агенцтва не мае права працаўладкоўваць. Параіце не плаціць і не аддаваць дакументы.
hotline-verdict-advice-revoked = Ліцэнзія адклікана. Працаўладкаванне без ліцэнзіі незаконнае: параіце не ехаць і разгледзьце паведамленне ў міліцыю.
hotline-verdict-advice-not_in_register = Агенцтва з такой назвай або нумарам ліцэнзіі ў рэестры няма. Удакладніце дакладную назву і нумар ліцэнзіі; працаўладкаванне за мяжой без ліцэнзіі незаконнае.
hotline-offer-lead = Адзначце тое, што абанент расказвае пра прапанову. Прыкметы пераказваюць індыкатары МАП/ЕК падманнай і прымусовай вярбоўкі; ацэнка — парада для размовы, а не прысуд прапанове.
hotline-offer-ilo = Індыкатар МАП/ЕК і яго вага
hotline-offer-assess = Ацаніць
hotline-offer-keep = Захаваць прыкметы з кансультацыяй
hotline-offer-keep-hint = З кансультацыяй захоўваюцца толькі коды адзначаных прыкмет, а не словы абанента.
hotline-offer-risk-no_signs_described = Трывожных прыкмет не названа
hotline-offer-risk-elevated = Ёсць трывожныя прыкметы: праверце прапанову да ад’езду
hotline-offer-risk-high = Высокая рызыка: прыкметы гандлю людзьмі пры вярбоўцы
hotline-offer-never-safe = Гэта парада, а не заключэнне: спіс знаходзіць толькі прыкметы, пра якія сказаў абанент, і ніколі не даказвае, што прапанова бяспечная.
hotline-offer-reason-present = { $dimension }: прысутнічае паводле правіла МАП ({ $rule }).
hotline-offer-reason-signs = { $dimension }: адзначана прыкмет: { $count }, менш, чым патрабуе правіла МАП.
hotline-offer-reason-coercion = Вярбоўшчык ужо да ад’езду выкарыстоўвае сродкі кантролю (дакументы, доўг, ізаляцыю або пагрозы).
hotline-offer-reason-nothing = Нічога не адзначана.
hotline-offer-rule-two_strong = два моцныя індыкатары
hotline-offer-rule-strong_and_other = моцны індыкатар і яшчэ адзін
hotline-offer-rule-three_medium = тры сярэднія індыкатары
hotline-offer-rule-two_medium_one_weak = два сярэднія і адзін слабы індыкатар
hotline-offer-advice = Што сказаць абаненту
hotline-offer-advice-always = Праверце ліцэнзію агенцтва, захавайце нумар гарачай лініі, пакіньце родным кантакты працадаўцы і копію пашпарта.
hotline-contacts-lead = Пасольствы і консульствы Беларусі, арганізацыі дапамогі і гарачыя лініі ў краіне прызначэння.
hotline-contacts-choose = Выберыце краіну
hotline-contacts-show = Паказаць кантакты
hotline-contacts-in = Кантакты: { $country }
hotline-contacts-none = Для гэтай краіны кантактаў пакуль няма.
hotline-contacts-covered = Краіны з кантактамі
hotline-contact-kind = Від
hotline-contact-kind-embassy = Пасольства Беларусі
hotline-contact-kind-consulate = Консульства Беларусі
hotline-contact-kind-ngo = Арганізацыя дапамогі
hotline-contact-kind-hotline = Гарачая лінія
hotline-contact-name = Назва
hotline-contact-city = Горад
hotline-contact-address = Адрас
hotline-contact-phone = Тэлефон
hotline-contact-email = Электронная пошта
hotline-contact-website = Сайт
hotline-contact-hours = Гадзіны працы
hotline-contact-notes = Нататкі для кансультантаў
hotline-contact-needs-one-hint = Пазначце хаця б адзін спосаб сувязі: тэлефон, пошту, сайт або адрас.
hotline-signs-kept = Трывожныя прыкметы прапановы працы
hotline-signs-none = Не адзначаны. Дадайце іх праз праверку прапановы працы.
hotline-signs-hint = Зніміце адзнаку, каб не захоўваць прыкмету.
hotline-notice-signs-kept = Адзначаныя прыкметы дададзены да кансультацыі.
hotline-register-title = Рэестр ліцэнзій і кантакты
hotline-register-lead = Даведачныя даныя, якія кансультанты правяраюць падчас званкоў. Кожная змена запісваецца ў журнал аўдыту; выведзеныя запісы больш не знаходзяцца пры праверцы.
hotline-register-agencies = Ліцэнзаваныя агенцтвы па працаўладкаванні
hotline-register-contacts = Кантакты ў краінах прызначэння
hotline-agency-add = Дадаць агенцтва
hotline-agency-edit = Змяніць агенцтва
hotline-contact-add = Дадаць кантакт
hotline-contact-edit = Змяніць кантакт
hotline-register-save = Захаваць
hotline-retire = Вывесці з ужытку
hotline-restore = Аднавіць
hotline-retire-hint = Выведзены запіс застаецца ў гісторыі рэестра, але больш не знаходзіцца пры праверцы.
hotline-retired = выведзены
hotline-retired-entry = Запіс выведзены з ужытку: праверкі яго не знаходзяць.
hotline-register-notice-added = Дададзена.
hotline-register-notice-saved = Захавана.
hotline-register-notice-retired = Выведзена з ужытку.
hotline-register-notice-restored = Адноўлена.
field-licence-format = Увядзіце нумар ліцэнзіі: хаця б адна літара або лічба.
field-url-format = Увядзіце адрас сайта, які пачынаецца з https:// або http://.
field-contact-needs-one = Пазначце хаця б нешта адно: тэлефон, пошту, сайт або адрас.

## Viber
viber-welcome = Вітаем! Гэта гарачая лінія па бяспечным выездзе за мяжу. Напішыце сваё пытанне тут; кансультанты адказваюць { $hours }. Не дасылайце нумары пашпартоў і іншыя дакументы.
viber-not-text = (Праз Viber дасланы аб’ект тыпу «{ $kind }»; укладанні не захоўваюцца. Папрасіце чалавека апісаць яго словамі.)

## E-mail channel
hotline-mail-attachments = (Да ліста дададзена ўкладанняў: { $count }; укладанні не захоўваюцца. Папрасіце чалавека апісаць іх словамі.)
hotline-mail-reply-subject = Гарачая лінія «Бяспечны выезд»: адказ на зварот № { $reference }
hotline-mail-rejected = Лісты, якія гарачая лінія не змагла прачытаць (у папцы каранціну .mayak-rejected каталога Maildir): { $count }

## Channel requests: recognising a consenting sender, delivery of the answer
hotline-known-sender = { $plural ->
    [one] Гэты чалавек пагадзіўся, каб яго пазнавалі: { $count } кансультацыя.
    [few] Гэты чалавек пагадзіўся, каб яго пазнавалі: { $count } кансультацыі.
   *[other] Гэты чалавек пагадзіўся, каб яго пазнавалі: { $count } кансультацый.
}
hotline-recognise-consent = Чалавек пагадзіўся ў гэтай перапісцы, каб яго пазнавалі пры наступных зваротах
hotline-recognise-hint = Захоўваецца толькі ключавы хэш яго адраса ў канале (Viber або e-mail), не сам адрас. Без згоды наступнае паведамленне будзе новым ананімным зваротам.
hotline-delivery-sent = Адказ дастаўлены ў канал { $at }
hotline-delivery-waiting = Адказ яшчэ не дастаўлены: спроб { $attempts }, наступная { $at }
hotline-delivery-failed = Адказ не ўдалося даставіць: канал яго не прымае. Чалавек адказу не атрымае — калі ён напіша зноў, адкажыце нанова.
hotline-delivery-error = Апошняя памылка
field-no-channel-address = У гэтага звароту няма адраса ў канале, таму пазнаваць чалавека няма па чым: зніміце адзнаку.
