# Интерфейс «Маяка»: русский язык.
app-name = Маяк
skip-to-content = Перейти к основному содержанию
demo-banner = Демонстрационный режим: все люди и записи здесь вымышлены.
lang-switch-label = Язык
nav-label = Основная навигация
nav-prevention = Профилактика
nav-prosecution = Преследование
nav-protection = Защита
nav-partnership = Партнёрство
nav-administration = Администрирование
nav-partners = Справочник партнёров
nav-groups = Междисциплинарные группы
nav-reference = Справочники
footer-hotline = Горячая линия по безопасному выезду за рубеж: 8 801 201 5555 (бесплатно), 113 (короткий номер), ежедневно с 8:00 до 20:00.
footer-about = «Маяк» — открытое программное обеспечение национальной системы противодействия торговле людьми: профилактика, преследование, защита и партнёрство.
yes = Да
filter-all = Все
filter-apply = Применить

home-title = Противодействие торговле людьми — от начала до конца
home-lead = «Маяк» объединяет горячую линию, ведение случаев, реабилитационный центр, учебный центр и организации-партнёры во всех регионах Беларуси и бережёт безопасность людей, которым помогает.
hotline-heading = Горячая линия по безопасному выезду
hotline-free-line = бесплатная линия по Беларуси
hotline-abroad-line = звонки из-за рубежа и с мобильных
hotline-short-number = короткий номер
hotline-hours = Консультанты отвечают ежедневно с 8:00 до 20:00. Консультации бесплатны и анонимны.
home-4p-heading = Четыре направления
home-prevention-text = Горячая линия по безопасному выезду, онлайн-консультации, информационные кампании и тесты для самопроверки.
home-prosecution-text = Учебный центр для специалистов, скрининг по индикаторам МОТ и идентификация пострадавших в соответствии с законом.
home-protection-text = Ведение случаев пострадавших и лиц, которые могли пострадать: потребности, помощь, согласие и реабилитационный центр.
home-partnership-text = Национальный механизм перенаправления: организации-партнёры, перенаправления, региональные междисциплинарные группы и сеть НГО.
home-glance-heading = Коротко в цифрах
home-figure-organisations = Организации-партнёры
home-figure-ngos = НГО в сети
home-figure-cities = { $plural ->
    [one] в { $count } городе
   *[other] в { $count } городах
}
home-figure-groups = Региональные междисциплинарные группы

reference-title = Справочники
reference-lead = Контролируемые перечни со стабильными кодами из стандартов (HTCDS, CTDC, ISO 3166) и названиями на трёх языках. Выведенные из употребления записи остаются в старых делах, но их нельзя выбрать для новых.
reference-col-list = Справочник
reference-col-code = Код
reference-col-active = Действуют
reference-col-retired = Выведены
reference-col-extensible = Можно дополнять
reference-col-alt-code = Альфа-3
reference-col-region = Область
reference-col-status = Состояние
reference-standard-list = Нет: задан стандартом или правилами
reference-entry-count = { $plural ->
    [one] { $count } запись
    [few] { $count } записи
   *[other] { $count } записей
}
reference-retired = Выведена
reference-active = Действует
list-region = Регионы
list-place = Города и районы
list-country = Страны
list-sex = Пол
list-age_band = Возрастные группы (CTDC)
list-exploitation_type = Виды эксплуатации
list-labour_type = Виды трудовой эксплуатации
list-sexual_exploitation_type = Виды сексуальной эксплуатации
list-industry = Отрасли (МСОК, ред. 4)
list-means_of_control = Способы контроля
list-recruitment_type = Способы вербовки
list-recruitment_app = Приложения, использованные при вербовке
list-recruiter_relation = Отношение к вербовщику
list-family_relation = Родственные связи
list-organisation_type = Типы организаций
list-service_type = Виды помощи
list-need_type = Потребности
list-consequence = Последствия торговли людьми
list-hotline_topic = Темы обращений на горячую линию
list-hotline_channel = Каналы горячей линии
list-caller_type = Кто обращается
list-hotline_outcome = Результаты консультаций
list-case_status = Статусы случаев
list-nrm_phase = Этапы НМП
list-legal_status = Правовые статусы
list-consent_purpose = Цели согласия
list-consent_form = Формы согласия
list-rehabilitation_kind = Виды социальной реабилитации
list-shift_kind = Виды заездов в реабилитационный центр
list-document_type = Виды документов
list-language = Языки
list-campaign_theme = Темы кампаний
list-campaign_channel = Каналы кампаний

partners-title = Справочник партнёров
partners-lead = Организации национального механизма перенаправления: государственные органы, сеть НГО, МОМ, реабилитационный центр и учебный центр.
partners-filter-region = Регион
partners-filter-type = Тип организации
partners-count = { $plural ->
    [one] { $count } организация
    [few] { $count } организации
   *[other] { $count } организаций
}
partners-col-name = Организация
partners-col-type = Тип
partners-col-region = Регион
partners-col-place = Город
partners-col-roles = Роль в механизме перенаправления
partners-may-identify = вправе идентифицировать пострадавших
partners-ngo-network = сеть НГО
groups-title = Региональные междисциплинарные группы
groups-lead = В каждом регионе группа объединяет милицию, социальные службы, здравоохранение, образование и НГО, чтобы обсуждать случаи и согласовывать помощь.
groups-chair = Председатель
groups-member-count = { $plural ->
    [one] { $count } организация-участник
    [few] { $count } организации-участника
   *[other] { $count } организаций-участников
}

error-go-home = На главную страницу
error-page-bad-request-title = Запрос не удалось понять
error-page-bad-request-text = Проверьте адрес или форму и попробуйте ещё раз.
error-page-unauthorized-title = Войдите в систему
error-page-unauthorized-text = Эта страница доступна сотрудникам после входа. Войдите и попробуйте ещё раз.
error-page-forbidden-title = Доступ запрещён
error-page-forbidden-text = Ваша роль не позволяет это действие. Если оно нужно для работы, обратитесь к руководителю.
error-page-not-found-title = Страница не найдена
error-page-not-found-text = Такой страницы нет или она вам недоступна. Проверьте адрес или начните с главной страницы.
error-page-method-title = Это действие здесь невозможно
error-page-method-text = Страница не принимает такой запрос. Вернитесь назад и воспользуйтесь кнопками на странице.
error-page-too-many-title = Слишком много попыток
error-page-too-many-text = Подождите несколько минут и попробуйте снова.
error-page-unavailable-title = «Маяк» временно недоступен
error-page-unavailable-text = База данных не отвечает. Отправленные данные не сохранены; попробуйте через минуту. Если это продолжается, сообщите администратору.
error-page-storage-full-title = Диск сервера заполнен
error-page-storage-full-text = Ничего из отправленного не сохранено: на диске базы данных нет места. Сохраните введённое, сообщите администратору и повторите, когда место освободится.
error-page-internal-title = Что-то пошло не так
error-page-internal-text = «Маяк» не смог выполнить запрос, ничего не изменено. Ошибка записана в журнал; попробуйте ещё раз или сообщите администратору.

problem-validation = Некоторые поля заполнены неверно
problem-validation-detail = { $plural ->
    [one] Нужно исправить { $count } поле; см. errors.
    [few] Нужно исправить { $count } поля; см. errors.
   *[other] Нужно исправить { $count } полей; см. errors.
}
problem-malformed-json = Тело запроса не является корректным JSON
problem-malformed-json-detail = Отправьте правильно сформированный документ JSON.
problem-invalid-json = JSON не соответствует ожидаемой структуре
problem-invalid-json-detail = Сверьте имена и типы полей с документом OpenAPI по адресу /api/v1/openapi.json.
problem-invalid-query = Неверные параметры запроса
problem-invalid-query-detail = Сверьте параметры с документом OpenAPI по адресу /api/v1/openapi.json.
problem-unsupported-media-type = Неподдерживаемый тип содержимого
problem-unsupported-media-type-detail = Отправьте тело в формате JSON с заголовком Content-Type: application/json.
problem-payload-too-large = Слишком большое тело запроса
problem-payload-too-large-detail = Допустимо не более 1 МиБ.
problem-not-found = Не найдено
problem-not-found-detail = Такого ресурса нет или он вам недоступен.
problem-method-not-allowed = Метод не поддерживается
problem-method-not-allowed-detail = Этот ресурс не поддерживает данный метод HTTP; см. /api/v1/openapi.json.
problem-unauthorized = Требуется вход
problem-unauthorized-detail = Войдите в систему или передайте действительный токен.
problem-forbidden = Запрещено
problem-forbidden-detail = Ваша роль не позволяет это действие.
problem-conflict = Конфликт
problem-conflict-detail = Запрос противоречит существующим данным (например, такой код уже занят).
problem-too-many-requests = Слишком много запросов
problem-too-many-requests-detail = { $plural ->
    [one] Повторите через { $seconds } секунду.
    [few] Повторите через { $seconds } секунды.
   *[other] Повторите через { $seconds } секунд.
}
problem-unavailable = Сервис временно недоступен
problem-unavailable-detail = База данных не отвечает; ничего не изменено. Повторите позже.
problem-storage-full = Диск сервера заполнен
problem-storage-full-detail = На диске базы данных нет места; ничего не изменено. Повторите, когда администратор освободит место.
problem-internal = Внутренняя ошибка
problem-internal-detail = Запрос не выполнен, ничего не изменено. Ошибка записана в журнал.

field-required = Обязательное поле.
field-too-long = Слишком длинно: не более { $max } символов.
field-unknown-code = Неизвестное значение: выберите из списка.
field-child-needs-representative = Ребёнок младше { $age } лет не может дать согласие сам: запишите согласие его законного представителя.
field-code-chars = В коде допустимы только латинские буквы, цифры и знаки - _ + .
field-list-not-extensible = Этот справочник задан стандартом или правилами; добавлять записи нельзя.
field-control-chars = Удалите управляющие символы (табуляцию, переводы строк).

app-name-latin = Mayak
login-link = Войти
logout = Выйти
choose = Выберите…
save = Сохранить
form-has-errors = Исправьте, пожалуйста:
password-hint = Не менее 12 символов. Фразу из нескольких слов легко запомнить и трудно угадать. Распространённые и утёкшие пароли не принимаются.
login-title = Вход
login-lead = Для сотрудников организаций механизма перенаправления. Позвонившим и посетителям учётная запись не нужна.
login-field-login = Логин
login-field-password = Пароль
login-submit = Войти
login-error-invalid = Неверный логин или пароль. Проверьте оба поля и попробуйте ещё раз.
login-error-expired = Форма входа устарела. Введите логин и пароль ещё раз.
login-error-locked = { $plural ->
    [one] Слишком много неудачных попыток. Попробуйте через { $minutes } минуту.
    [few] Слишком много неудачных попыток. Попробуйте через { $minutes } минуты.
   *[other] Слишком много неудачных попыток. Попробуйте через { $minutes } минут.
}
login-error-code = Код неверен или уже использован. Введите текущий код из приложения-аутентификатора или один из резервных кодов.
second-factor-title = Второй фактор
second-factor-lead = Откройте приложение-аутентификатор на телефоне и введите шестизначный код, который оно показывает для «Маяка».
second-factor-field = Код
second-factor-hint = Потеряли телефон? Введите один из резервных кодов (каждый действует один раз).
second-factor-submit = Подтвердить
enrol-title = Настройка второго фактора
enrol-lead = Ваша роль даёт доступ к персональным данным, поэтому для входа нужен второй фактор: код из приложения-аутентификатора на телефоне.
enrol-step-app = Установите приложение-аутентификатор (например, FreeOTP, Aegis, Google Authenticator или Microsoft Authenticator).
enrol-step-scan = Добавьте в приложении учётную запись и отсканируйте этот код:
enrol-step-key = Если отсканировать не получается, введите ключ:
enrol-step-code = Введите шестизначный код, который теперь показывает приложение.
enrol-field = Код из приложения
enrol-submit = Подтвердить и продолжить
recovery-title = Ваши резервные коды
recovery-lead = Сохраните эти коды в надёжном месте, отдельно от телефона. Каждый позволяет войти один раз, если телефон потерян. Они показываются только сейчас.
recovery-continue = Я их сохранил(а): продолжить
account-title = Моя учётная запись
account-name = Имя
account-organisation = Организация
account-roles = Роли
account-second-factor = Второй фактор
account-mfa-on = приложение-аутентификатор настроено
account-mfa-off = не настроен
account-codes-left = { $plural ->
    [one] остался { $count } резервный код
    [few] осталось { $count } резервных кода
   *[other] осталось { $count } резервных кодов
}
account-change-password = Сменить пароль
account-current-password = Текущий пароль
account-new-password = Новый пароль
account-confirm-password = Новый пароль ещё раз

role-admin = Системный администратор
role-supervisor = Руководитель
role-hotline-consultant = Консультант горячей линии
role-case-manager = Ведущий случая
role-rehabilitation-staff = Сотрудник реабилитационного центра
role-mdg-member = Член междисциплинарной группы
role-partner-caseworker = Специалист организации-партнёра
role-trainer = Тренер
role-analyst = Аналитик
role-auditor = Аудитор
role-content-editor = Редактор материалов

nav-users = Пользователи
nav-organisations = Организации
nav-sessions = Сеансы
nav-audit = Журнал аудита

notice-created = Создано.
notice-saved = Сохранено.
notice-disabled = Пользователь отключён; его сеансы завершены, токены отозваны.
notice-enabled = Пользователь снова может входить.
notice-mfa-reset = Второй фактор удалён; пользователь настроит его заново при следующем входе.
notice-sessions-ended = Все сеансы пользователя завершены.
notice-session-ended = Сеанс завершён.
notice-token-revoked = Токен отозван.
notice-added = Запись добавлена.
notice-retired = Запись выведена из употребления: старые дела её сохраняют, для новых её выбрать нельзя.
notice-restored = Запись снова можно выбирать.
notice-password-changed = Пароль изменён; остальные ваши сеансы завершены.

users-title = Пользователи
users-new = Новый пользователь
users-col-login = Логин
users-col-name = Имя
users-col-organisation = Организация
users-col-roles = Роли
users-col-status = Состояние
users-active = активен
users-disabled = отключён
users-password = Пароль
users-password-hint = Оставьте пустым, чтобы создать пароль автоматически (он будет показан один раз). Пользователь может сменить его на странице учётной записи.
users-create = Создать пользователя
users-created-password = Пользователь { $login } создан. Его пароль показывается только сейчас:
users-actions = Действия
users-enable = Включить
users-disable = Отключить
users-disable-confirm = Отключить пользователя? Его сеансы завершатся, а токены будут отозваны сразу.
users-reset-mfa = Сбросить второй фактор
users-reset-mfa-confirm = Удалить второй фактор пользователя? Он настроит его заново при следующем входе.
users-end-sessions = Завершить все сеансы
users-session-count = { $plural ->
    [one] { $count } активный сеанс
    [few] { $count } активных сеанса
   *[other] { $count } активных сеансов
}
sessions-title = Активные сеансы
sessions-lead = Все, кто сейчас вошёл в систему, на всех экземплярах. Завершение сеанса сразу выводит человека из системы.
sessions-col-started = Вход
sessions-col-last-seen = Последняя активность
sessions-col-address = Адрес
sessions-col-agent = Браузер
sessions-col-instance = Экземпляр
sessions-pending = ожидается второй фактор
sessions-end = Завершить
sessions-end-label = Завершить сеанс { $login }
tokens-title = Токены API
tokens-lead = Токены позволяют скриптам и интеграциям пользоваться API ровно с правами своего пользователя. Хранятся только их хеши.
tokens-col-label = Назначение
tokens-col-issued = Выдан
tokens-col-expires = Истекает
tokens-col-last-used = Использован
tokens-revoked = отозван
tokens-expired = истёк
tokens-revoke = Отозвать
tokens-how = Токены выдаются из командной строки:
orgs-title = Организации
orgs-new = Новая организация
orgs-edit = Изменение: { $name }
orgs-col-slug = Краткий идентификатор
orgs-name-ru = Название на русском
orgs-name-be = Название на белорусском
orgs-name-en = Название на английском
orgs-no-place = (город не указан)
orgs-create = Создать организацию
audit-title = Журнал аудита
audit-lead = Каждый вход, отказ в доступе, изменение, просмотр персональных данных и действие администратора — в цепочке хешей, которую нельзя незаметно изменить.
audit-col-when = Когда
audit-col-action = Действие
audit-col-record = Запись
audit-col-outcome = Результат
reference-add = Добавить запись
reference-label-ru = Название на русском
reference-label-be = Название на белорусском
reference-label-en = Название на английском
reference-retire = Вывести
reference-restore = Вернуть
reference-retire-label = Вывести из употребления { $code }
reference-restore-label = Вернуть { $code }

problem-invalid-credentials = Вход не выполнен
problem-invalid-credentials-detail = Неверный логин, пароль или код. Проверьте их и попробуйте ещё раз.
problem-mfa-enrolment-required = Второй фактор не настроен
problem-mfa-enrolment-required-detail = Для этой учётной записи сначала нужно настроить приложение-аутентификатор: войдите один раз через веб-интерфейс.

field-too-short = Слишком коротко: не менее { $min } символов.
field-login-chars = В логине допустимы только строчные латинские буквы, цифры и знаки . _ -
field-choose-one = Выберите хотя бы одно значение.
field-taken = Уже занято; выберите другое.
field-keep-own-admin = Нельзя снять с себя роль администратора.
field-place-outside-region = Этот город не относится к выбранному региону.
field-password-too-short = Слишком коротко: пароль должен содержать не менее { $min } символов.
field-password-common = Этот пароль слишком распространён или встречается в списках утёкших паролей; выберите другой.
field-password-context = Пароль не должен содержать ваш логин или название системы.
field-wrong-password = Текущий пароль неверен.
field-passwords-differ = Новые пароли не совпадают.
field-date-out-of-range = Дата вне возможного диапазона: проверьте год.
field-phone-format = Введите номер телефона из 5–15 цифр, например +375 29 123-45-67.
field-email-format = Введите адрес электронной почты, например name@example.org.
audit-record-type = Тип записи
audit-record-id = Номер записи
audit-from = С
audit-until = По (включительно)
audit-col-fields = Поля
audit-col-reason = Причина
audit-count = { $plural ->
    [one] { $count } событие, сначала новые.
    [few] { $count } события, сначала новые.
   *[other] { $count } событий, сначала новые.
}
audit-limited = Показаны только самые новые: уточните поиск или выгрузите его.
audit-export = Выгрузка в CSV
audit-export-reason = Причина выгрузки
audit-export-hint = Обязательно: выгрузка и её причина записываются в журнал аудита.
audit-export-submit = Скачать CSV
field-date-format = Введите дату в виде ГГГГ-ММ-ДД.
field-no-such-user = Пользователя с таким логином нет.
field-reason-required = Укажите причину (не менее 5 символов).
nav-retention = Сроки хранения
retention-title = Сроки хранения и удаление
retention-lead = { $plural ->
    [one] Персональные данные удаляются безвозвратно через { $days } день после закрытия последнего случая человека или после отзыва согласия на обработку, но только после того, как администратор утвердит список ниже. Статистика продолжает учитывать этих людей.
    [few] Персональные данные удаляются безвозвратно через { $days } дня после закрытия последнего случая человека или после отзыва согласия на обработку, но только после того, как администратор утвердит список ниже. Статистика продолжает учитывать этих людей.
   *[other] Персональные данные удаляются безвозвратно через { $days } дней после закрытия последнего случая человека или после отзыва согласия на обработку, но только после того, как администратор утвердит список ниже. Статистика продолжает учитывать этих людей.
}
retention-due = { $plural ->
    [one] Срок хранения истёк у { $count } человека, не включённого в ожидающий список.
   *[other] Срок хранения истёк у { $count } человек, не включённых в ожидающий список.
}
retention-dry-run = Составить пробный список сейчас
retention-run = Список { $id }
retention-status-pending = ожидает утверждения
retention-status-approved = утверждён: удалено
retention-status-rejected = отклонён: ничего не удалено
retention-reason-retention = истёк срок хранения
retention-reason-consent_withdrawn = отозвано согласие на обработку
retention-candidates = { $plural ->
    [one] { $count } человек
    [few] { $count } человека
   *[other] { $count } человек
}
retention-show = Показать список
retention-person = Человек № { $id }
retention-approve = Утвердить и удалить
retention-approve-confirm = Удалить персональные данные всех людей из этого списка? Это необратимо.
retention-reject = Отклонить
notice-run-created = Пробный список составлен: проверьте его ниже.
notice-nothing-due = Удалять некого.
notice-run-approved = Список утверждён, персональные данные удалены.
notice-run-rejected = Список отклонён, ничего не удалено.

nav-cases = Случаи
nav-new-case = Новый случай
unknown-yet = Пока неизвестно
cases-title = Случаи
cases-search = Поиск
cases-search-hint = Код случая (BR-2026-00042 или его начало) либо полное имя, номер документа или телефон человека.
cases-search-exact = Имена, документы и телефоны находятся только при точном вводе (они хранятся зашифрованными и ищутся по ключевым хешам).
cases-count = { $plural ->
    [one] { $count } случай
    [few] { $count } случая
   *[other] { $count } случаев
}
cases-col-code = Случай
cases-col-status = Статус
cases-col-phase = Этап НМП
cases-col-legal = Правовой статус
cases-col-exploitation = Эксплуатация
cases-col-registered = Зарегистрирован
cases-col-manager = Ведущий случая
cases-older = Следующие случаи
cases-filter-from = Зарегистрирован с
cases-filter-until = Зарегистрирован по
cases-filter-org = Ведущая организация
cases-sort = Порядок
cases-sort-auto = Автоматически
cases-sort-auto-hint = Сначала новые; по дате регистрации, если выбран период; по коду при поиске по коду.
cases-sort-newest = Сначала новые
cases-sort-oldest = Сначала старые
cases-sort-registered-desc = Дата регистрации, сначала поздние
cases-sort-registered-asc = Дата регистрации, сначала ранние
cases-sort-code = Код случая
cases-sort-updated = Недавно изменённые
intake-title = Новый случай: первичный приём
intake-lead = Запишите то, что известно сейчас, остальное можно дополнить позже. Персональные данные шифруются, в списках виден только код случая.
intake-duplicates = Возможно, у этого человека уже есть случай:
intake-duplicate-elsewhere = случай в регионе «{ $region }» (у вас нет к нему доступа; обратитесь в его организацию)
intake-duplicates-hint = Если это тот же человек, продолжайте его случай. Если нет, отметьте пункт ниже и зарегистрируйте снова.
intake-person = Человек
intake-person-hint = Обязательно только имя. Персональные данные шифруются, каждый их просмотр записывается.
intake-family-name = Фамилия
intake-given-names = Имя
intake-patronymic = Отчество
intake-birth-date = Дата рождения
intake-sex = Пол
intake-citizenship = Гражданство
intake-stateless-or-unknown = Без гражданства или неизвестно
intake-document-type = Документ, удостоверяющий личность
intake-no-document = Нет документа
intake-document-number = Номер документа
intake-phone = Телефон
intake-language = Язык общения
intake-case = Случай
intake-confirm-new = Это другой человек: зарегистрировать новый случай
intake-submit = Зарегистрировать случай
case-lead-organisation = Ведущая организация
case-unassigned = Не назначен
case-country = Страна эксплуатации
case-reload = Обновить случай
case-stale = { $plural ->
    [one] Кто-то другой уже изменил этот случай (теперь версия { $version }). Ничего не сохранено: обновите страницу, проверьте изменения и внесите свои снова.
   *[other] Кто-то другой уже изменил этот случай (теперь версия { $version }). Ничего не сохранено: обновите страницу, проверьте изменения и внесите свои снова.
}
case-htcds-status = Статус по HTCDS
case-closed-on = Закрыт
case-person = Человек
case-person-logged = Вы просматриваете персональные данные: этот просмотр записан в журнал аудита.
case-name = Имя
case-person-erased = Персональные данные удалены (истёк срок хранения или отозвано согласие). Случай остаётся для статистики.
case-person-hidden = Ваша роль или согласие этого человека не позволяют видеть персональные данные по этому случаю.
case-edit = Статус и профиль
case-closure-reason = Причина закрытия
case-closure-hint = Обязательно, если статус — закрыт.
case-outcome = Итог реинтеграции
case-identification = Идентификация (Закон № 350-З)
case-identification-hint = Решение вправе внести только органы, уполномоченные идентифицировать пострадавших. Результат скрининга — совет, а не решение.
case-identified-on = Дата решения
case-identification-document = Документ о решении (номер)
case-identify = Внести решение
case-consents = Информированное согласие
case-consent-purpose = Цель
case-consent-organisation = Организация (для перенаправления)
case-consent-given = Дано
consent-given-by = Кем дано
consent-given-by-person = самим человеком
consent-given-by-representative = законным представителем (ребёнок до 16 лет)
consent-withdrawn-on = отозвано { $date }
consent-valid = действует
consent-withdraw = Отозвать
consent-withdraw-confirm = Записать отзыв этого согласия? Отзыв согласия на обработку ставит персональные данные человека в очередь на удаление.
consent-add = Записать согласие
consent-no-organisation = (не перенаправление)
consent-form = Форма
case-services = Услуги
case-service-type = Услуга
case-service-provider = Исполнитель
case-service-dates = Сроки
case-service-start = Начало
case-service-cost = Стоимость, BYN
service-status-Planned = запланирована
service-status-InProgress = оказывается
service-status-Completed = оказана
service-status-Cancelled = отменена
service-complete = Отметить оказанной
service-outcome = Результат услуги
service-outcome-placeholder = Результат (необязательно)
service-add = Добавить услугу
case-timeline = История
event-created = Случай зарегистрирован
event-updated = Изменён
event-closed = Закрыт
event-reopened = Открыт снова
event-identification = Внесено решение об идентификации
event-consent-given = Записано согласие
event-consent-withdrawn = Согласие отозвано
event-service-added = Добавлена услуга
event-service-status = Изменён статус услуги
case-readers = Кто просматривал или менял данные этого человека
notice-case-saved = Случай сохранён.
notice-case-identified = Решение об идентификации внесено.
notice-case-consent-added = Согласие записано.
notice-case-consent-withdrawn = Отзыв согласия записан.
notice-case-service-added = Услуга добавлена.
notice-case-service-updated = Услуга обновлена.
field-consent-missing = { $purpose ->
    [Referral] Нет согласия: человек не давал согласия на перенаправление в «{ $organisation_name }». Сначала запишите это согласие.
    [LawEnforcementSharing] Нет согласия: человек не давал согласия на передачу данных правоохранительным органам.
    [Processing] Нет согласия: человек не давал согласия на обработку своих данных.
   *[other] Нет согласия на это действие.
}
field-not-a-closure = Чтобы закрыть случай, выберите статус «закрыт».
field-status-transition = Такое решение невозможно при текущем правовом статусе.
field-required-for-referral = Выберите организацию, на перенаправление в которую человек согласился.
field-amount-format = Введите сумму, например 125.50.
nav-break-glass = Экстренный доступ
nav-break-glass-review = Проверка экстренного доступа
break-glass-title = Открыть случай вне вашей зоны доступа
break-glass-lead = Только в экстренной ситуации. Нужно указать причину; доступ действует два часа, записывается в журнал аудита и отмечается до проверки аудитором.
break-glass-reason = Причина (не менее 10 символов)
break-glass-submit = Открыть случай
break-glass-review-title = Экстренные открытия случаев
break-glass-review-lead = Случаи, открытые вне зоны доступа пользователя, сначала непроверенные. Проверьте каждую причину и отметьте проверку.
break-glass-reviewed = проверено
break-glass-mark-reviewed = Отметить проверенным
field-no-such-case = Случая с таким кодом нет.
screening-open = Скрининг по индикаторам МОТ
screening-title = Скрининг: операционные индикаторы МОТ/ЕК
screening-lead = Отметьте все индикаторы, которые видны из рассказа человека. Результат — совет органу, проводящему идентификацию, с обоснованием; он никогда не меняет правовой статус.
screening-lists = Списки индикаторов
screening-list-adult_labour = Взрослые, трудовая эксплуатация
screening-list-adult_sexual = Взрослые, сексуальная эксплуатация
screening-list-child_labour = Дети, трудовая эксплуатация
screening-list-child_sexual = Дети, сексуальная эксплуатация
screening-dimension-deceptive_recruitment = Вербовка путём обмана
screening-dimension-coercive_recruitment = Вербовка с принуждением
screening-dimension-recruitment_abuse_of_vulnerability = Вербовка с использованием уязвимости
screening-dimension-exploitation = Условия эксплуатации
screening-dimension-coercion_at_destination = Принуждение в месте назначения
screening-dimension-abuse_of_vulnerability_at_destination = Использование уязвимости в месте назначения
screening-weight-strong = сильный
screening-weight-medium = средний
screening-weight-weak = слабый
screening-submit = Оценить
screening-counts = сильных: { $strong }, средних: { $medium }, слабых: { $weak }
screening-reason-present = { $dimension }: есть ({ $counts }).
screening-reason-absent = { $dimension }: нет ({ $counts }).
screening-element-recruitment = Вербовка
screening-element-exploitation = Эксплуатация
screening-element-coercion = Принуждение
screening-reason-element-present = { $element }: установлено.
screening-reason-element-missing = { $element }: не установлено.
screening-reason-child = Человек — ребёнок: для вывода принуждение не требуется.
screening-conclusion-likely_victim = Совет: вероятно, пострадавший от торговли людьми
screening-conclusion-possible_victim = Совет: возможно, пострадавший; не все элементы установлены
screening-conclusion-no_indication = Совет: по этим индикаторам признаков торговли людьми нет
screening-advice = Это совет органу, проводящему идентификацию, а не решение. Правовой статус определяет только уполномоченный орган.
event-screening = Проведён скрининг
nav-my-work = Моя работа
screening-none = Скрининг ещё не проводился.
case-needs = Оценка потребностей
case-needs-none = Потребности ещё не оценены.
case-need = Потребность
case-severity = Острота
severity-high = высокая
severity-medium = средняя
severity-low = низкая
case-assessed-on = Дата оценки
case-assessed-by = Кто оценил
case-need-add = Записать оценённую потребность
case-plan = Индивидуальный план помощи
case-plan-none = Целей пока нет.
case-goal = Цель
case-target = Срок
goal-status-open = в работе
goal-status-achieved = достигнута
goal-status-dropped = снята
goal-achieved = Отметить достигнутой
case-goal-add = Добавить цель
case-no-names-hint = Без имён: случай определяется кодом (этот текст не шифруется).
case-tasks = Задачи и контрольные сроки
case-tasks-none = Задач нет.
case-task = Задача
case-due = Срок
case-task-assignee = Исполнитель
case-task-add = Добавить задачу
task-done = Выполнено
case-notes = Записи по случаю
case-notes-hint = Записи шифруются ключом этого человека, каждое их прочтение записывается.
case-note-add = Новая запись
case-note-save = Сохранить запись
work-title = Моя работа
work-tasks = Мои задачи, сначала просроченные
work-no-tasks = Открытых задач нет.
work-overdue = просрочено
work-cases = { $plural ->
    [one] Мой открытый случай ({ $count })
   *[other] Мои открытые случаи ({ $count })
}
event-need-assessed = Оценена потребность
event-goal-added = Добавлена цель
event-goal-achieved = Цель достигнута
event-goal-dropped = Цель снята
event-goal-open = Цель снова в работе
event-note-added = Добавлена запись
event-task-added = Добавлена задача
event-task-done = Задача выполнена
event-break_glass = Открыт в экстренном порядке
notice-case-need-added = Потребность записана.
notice-case-goal-added = Цель добавлена в план.
notice-case-goal-updated = Цель обновлена.
notice-case-note-added = Запись сохранена (зашифрована).
notice-case-task-added = Задача добавлена.
notice-case-task-done = Задача выполнена.
case-profile = Профиль эксплуатации и судопроизводство
case-profile-none = Эпизоды ещё не записаны.
case-episode = Эпизод { $n }
case-episode-add = Добавить эпизод
case-started = Начало
case-ended = Окончание
case-stages = События торговли людьми
case-stage-add = Добавить событие
case-stage-kind = Событие
case-stage-country = Страна
case-stage-place = Место (город или регион, без адресов)
case-stage-date = Дата
stage-Recruitment = Вербовка
stage-Transit = Транзит
stage-Exploitation = Эксплуатация
case-perpetrators = Преступники
case-perpetrator-add = Добавить преступника (по роли)
case-perpetrator-role = Роль
perpetrator-Recruiter = Вербовщик
perpetrator-Transporter = Перевозчик
perpetrator-Exploiter = Эксплуататор
perpetrator-Controller = Надсмотрщик
perpetrator-Other = Другое
case-proceedings = Судопроизводство
case-proceeding-add = Записать судопроизводство
case-proceeding-kind = Вид
proceeding-criminal = Уголовное дело
proceeding-civil = Гражданское дело
case-proceeding-stage = Стадия
proceeding-stage-investigation = следствие
proceeding-stage-court = в суде
proceeding-stage-verdict = приговор
proceeding-stage-closed = прекращено
case-person-role = Роль человека
person-role-victim = потерпевший
person-role-witness = свидетель
legal-aid-given = оказана юридическая помощь
compensation-claimed = заявлено возмещение
compensation-awarded = присуждено возмещение
case-proceeding-on = По состоянию на
notice-case-episode-added = Эпизод добавлен в профиль.
notice-case-profile-updated = Профиль обновлён.
event-episode-added = Записан эпизод эксплуатации
event-trafficking_event-added = Записано событие торговли людьми
event-perpetrator-added = Записан преступник
event-proceeding-added = Записано судопроизводство
field-before-start = Окончание раньше начала.
field-cursor-invalid = Адрес страницы не подходит к выбранному порядку: начните снова с первой страницы.
field-out-of-range = Выберите число от { $min } до { $max }.
case-files = Сканы и документы
case-files-none = Файлов нет.
case-file = Файл { $n }
case-file-erased = (удалён)
case-file-add = Добавить скан
case-file-hint = PDF, JPEG или PNG, не более 10 МиБ. Файлы шифруются ключом этого человека, каждая загрузка записывается.
case-file-upload = Загрузить
notice-case-file-added = Файл сохранён (зашифрован).
field-file-too-large = Файл слишком большой: не более { $max } МиБ.
field-file-type = Принимаются только файлы PDF, JPEG и PNG.

# Family members and accompanying children
no = Нет
case-relatives = Семья и сопровождающие дети
case-relatives-hint = Каждый член семьи — отдельный человек: его данные зашифрованы, каждый их просмотр записывается.
case-relatives-none = Члены семьи не записаны.
case-relative-relation = Родство
case-relative-accompanying = Сопровождает
case-relative-accompanying-hint = Едет или находится вместе с человеком (например, ребёнок в приюте)
case-relative-age = { $n } л.
case-relative-add = Добавить члена семьи или ребёнка
case-relative-save = Сохранить члена семьи
notice-case-relative-added = Член семьи записан (в зашифрованном виде).
event-relative-added = Записан член семьи

# Intake drafts
intake-drafts = Ваши незавершённые регистрации
intake-drafts-hint = Черновики видите только вы; они зашифрованы и удаляются через 30 дней без изменений.
intake-draft-link = Черновик { $n }
intake-draft-saved-at = сохранён
intake-draft-delete = Удалить черновик { $n }
intake-draft-hint = Известно ещё не всё? Сохраните черновик: ничего не проверяется и не регистрируется, продолжить можно позже.
intake-save-draft = Сохранить черновик
notice-draft-saved = Черновик сохранён (в зашифрованном виде). Продолжите сейчас или позже с этой страницы.
notice-draft-deleted = Черновик удалён.
field-draft-too-large = Форма слишком велика для черновика: сократите самые длинные тексты.

## nrm
nav-referrals = Перенаправления
nav-overrides = Перенаправления без согласия
case-person-limited = Вы видите то, что раскрывает перенаправление; досье человека остаётся у ведущей организации.
referrals-title = Перенаправления
referrals-lead = Перенаправления, которые ваша организация отправила и получила. Просроченные отмечены у обеих сторон.
referrals-none = Перенаправлений нет.
referrals-incoming = Входящие
referrals-outgoing = Исходящие
referrals-open-only = Только открытые
referrals-with-closed = Показать и закрытые
referral-title = Перенаправление
referral-new = Перенаправить партнёру
transfer-new = Передать ведение случая
referral-lead = Выберите нужные человеку услуги: Маяк предложит партнёров, которые оказывают их в регионе человека, затем в соседних. Для отправки нужно согласие человека на перенаправление в эту организацию.
transfer-lead = Принимающая организация станет ведущей по случаю, когда примет передачу. Нужно согласие человека на перенаправление в неё.
referral-services = Нужные услуги
referral-suggest = Подобрать партнёров
referral-suggested = Предлагаемые партнёры
referral-no-suggestions = В этом и соседних регионах никто не оказывает эти услуги: выберите организацию ниже.
referral-offers = Оказывает
referral-nearness-same_region = Тот же регион
referral-nearness-neighbouring = Соседний регион
referral-other-organisations = Другие организации
referral-to = Принимающая организация
referral-disclosure = Что видит получатель
referral-disclosure-hint = Идентифицирующие данные видны, только пока действует согласие человека на это перенаправление; до принятия получатель видит только потребности.
disclosure-needs_only = Только потребности
disclosure-needs_and_contacts = Потребности и контакты (имя, телефон, языки)
disclosure-full_assessment = Полная оценка (личность, потребности, профиль эксплуатации, план)
referral-accept-due = Принять или отклонить до
referral-complete-due = Завершить до
referral-override = Отправить без согласия (руководитель)
referral-override-reason = Почему без согласия
referral-override-hint = Только когда человека нельзя спросить, а ожидание ему навредит. Перенаправление отмечается для проверки, и получатель не видит идентифицирующих данных, пока согласие не записано.
referral-override-flagged = на проверке
referral-send = Отправить перенаправление
transfer-send = Предложить принять случай
referral-col-from = От кого
referral-col-to = Кому
referral-col-services = Услуги
referral-col-due = Срок
referral-kind-services = Перенаправление
referral-kind-transfer = Передача ведения случая
referral-side-sender = Вы отправили
referral-side-receiver = Вы получили
referral-sent-at = Отправлено
referral-decline-reason = Причина отказа
referral-state-note = Примечание
referral-actions = Что сделать
referral-action-accept = Принять
referral-action-decline = Отклонить
referral-action-start = Начать работу
referral-action-complete = Отметить выполненным
referral-action-cancel = Отменить перенаправление
referral-note-optional = Примечание (необязательно, без имён)
referral-outcome-hint = Чего достигли услуги, без имён: это станет результатом услуг по случаю.
referral-add-service = Записать оказываемую вами услугу
referral-notes = Заметки по перенаправлению
referral-notes-hint = Заметки читают обе стороны; они зашифрованы, как заметки по случаю, и каждое прочтение записывается.
referral-notes-none = Заметок пока нет.
referral-note-add = Добавить заметку
referral-state-sent = отправлено
referral-state-accepted = принято
referral-state-declined = отклонено
referral-state-in_progress = в работе
referral-state-completed = выполнено
referral-state-cancelled = отменено
referral-overdue-acceptance = просрочено принятие
referral-overdue-completion = просрочено выполнение
decline-reason-no_capacity = Нет мест или ресурсов
decline-reason-service_not_offered = Не оказываем эту услугу
decline-reason-outside_area = Вне нашей территории
decline-reason-person_not_reachable = Не удаётся связаться с человеком
decline-reason-other = Другая причина
notice-referral-sent = Перенаправление отправлено.
notice-referral-accepted = Перенаправление принято.
notice-referral-declined = Перенаправление отклонено.
notice-referral-in_progress = Работа по перенаправлению начата.
notice-referral-completed = Перенаправление выполнено; его услуги по случаю отмечены выполненными.
notice-referral-cancelled = Перенаправление отменено.
notice-referral-note-added = Заметка добавлена.
notice-referral-service-added = Услуга записана в случай.
inbox-title = Входящие задачи
inbox-to-decide = { $plural ->
    [one] { $count } перенаправление ждёт решения
    [few] { $count } перенаправления ждут решения
   *[other] { $count } перенаправлений ждут решения
}
inbox-transfers = { $plural ->
    [one] { $count } передача случая ждёт принятия
    [few] { $count } передачи случаев ждут принятия
   *[other] { $count } передач случаев ждут принятия
}
inbox-overdue = { $plural ->
    [one] { $count } просрочено
    [few] { $count } просрочено
   *[other] { $count } просрочено
}
inbox-due-soon = { $plural ->
    [one] { $count } со сроком в ближайшие три дня
    [few] { $count } со сроком в ближайшие три дня
   *[other] { $count } со сроком в ближайшие три дня
}
inbox-to-decide-title = Принять или отклонить
inbox-transfers-title = Передачи случаев
inbox-overdue-title = Просрочено
inbox-due-soon-title = Срок в ближайшие три дня
overrides-title = Перенаправления без согласия
overrides-lead = Руководитель отправил эти перенаправления без согласия человека, указав причину. Проверьте каждое.
overrides-none = Перенаправлений без согласия нет.
overrides-review = Отметить проверенным
overrides-reviewed = Проверено
partners-col-capacity = Возможности
field-referral-transition = Из текущего состояния перенаправления это невозможно.
field-referral-wrong-side = Это делает другая сторона перенаправления.
field-referral-to-self = Выберите другую организацию: ведущая организация не может перенаправить случай себе.
field-override-not-allowed = Отправить перенаправление без согласия человека может только руководитель.
field-due-before-acceptance = Срок выполнения не может быть раньше срока принятия.
event-referral-sent = Перенаправлен партнёру
event-referral-accepted = Перенаправление принято
event-referral-declined = Перенаправление отклонено
event-referral-in_progress = Работа по перенаправлению начата
event-referral-completed = Перенаправление выполнено
event-referral-cancelled = Перенаправление отменено
event-referral-note = Заметка по перенаправлению
event-transfer-sent = Предложена передача ведения случая
event-transfer-completed = Ведение случая передано
event-transfer-declined = Передача отклонена
event-transfer-cancelled = Передача отменена
event-mdg-discussed = Обсуждён междисциплинарной группой
notice-directory-saved = Сведения для справочника сохранены.
directory-filter-service = Оказываемая услуга
directory-services = Оказываемые услуги
directory-contacts = Контакты
directory-edit = Изменить сведения
directory-public-link = Открытый список организаций
directory-public-title = Где найти помощь
directory-public-lead = Организации национального механизма перенаправления, решившие быть в открытом списке, с теми сведениями, которые они решили опубликовать.
directory-address = Адрес
directory-phone = Телефон
directory-email = Электронная почта
directory-hours = Часы работы
directory-languages = Языки
directory-capacity = Возможности (места, нагрузка)
directory-details-title = Сведения для справочника
directory-details-lead = Что справочник партнёров показывает об этой организации, какие услуги подбираются при перенаправлении и что можно показать в открытом списке.
directory-publish = Открытый список
directory-publish-hint = Никогда не публикуйте адрес убежища. Название, тип и регион видны, когда организация в списке; отметьте, что ещё она публикует.
directory-published = Показывать организацию в открытом списке
directory-field-city = Город
directory-field-address = Адрес
directory-field-phone = Телефон
directory-field-email = Электронная почта
directory-field-hours = Часы работы
directory-field-languages = Языки
directory-field-services = Оказываемые услуги
## rehab
nav-rehab = Реабилитационный центр
nav-rehab-day = Центр: сегодня
nav-rehab-stats = Статистика центра
rehab-title = Реабилитационный центр
rehab-lead = Смены для женщин, для мужчин, для детей с родителями и для семей пострадавших; пребывания по случаям, индивидуальный план реабилитации и выписка. Календари показывают только коды случаев.
rehab-rooms-beds = { $plural ->
    [one] { $count } койка
    [few] { $count } койки
    [many] { $count } коек
   *[other] { $count } койки
}
rehab-rooms = { $plural ->
    [one] { $count } комната
    [few] { $count } комнаты
    [many] { $count } комнат
   *[other] { $count } комнаты
}
rehab-persons = { $plural ->
    [one] { $count } человек
    [few] { $count } человека
    [many] { $count } человек
   *[other] { $count } человека
}
rehab-minutes-n = { $plural ->
    [one] { $count } минута
    [few] { $count } минуты
    [many] { $count } минут
   *[other] { $count } минуты
}
rehab-no-shifts = Рядом с сегодняшним днём смен нет.
rehab-shifts-caption = Смены центра
rehab-col-shift = Смена
rehab-col-dates = Даты
rehab-col-capacity = Мест
rehab-col-tonight = Проживает сегодня
rehab-col-waiting = В листе ожидания
rehab-col-sex = Пол
rehab-col-age-band = Возрастная группа
rehab-col-legal = Правовой статус
rehab-col-accompanying = Сопровождающие родственники
rehab-col-who = Кто
rehab-col-bed = Койка
rehab-col-status = Состояние
rehab-col-actions = Действия
rehab-now = сейчас
rehab-referred = Направлены на пребывание
rehab-referred-hint = Случаи, направленные в ваш центр, по которым приём ещё не оформлен. Откройте смену и введите код случая.
rehab-referred-none = Случаев, ожидающих приёма, нет.
rehab-plan-shift = Запланировать смену
rehab-centre = Центр
rehab-shift-kind = Вид смены
rehab-starts-on = Первый день
rehab-ends-on = Последний день (выезд)
rehab-capacity = Мест (человек за ночь)
rehab-capacity-hint = Не больше числа коек центра.
rehab-add-centre = Добавить центр
rehab-centre-name = Название центра
rehab-rooms-spec = Комнаты и койки
rehab-rooms-hint = Каждая комната с числом коек, например: 101: 3, 102: 2
rehab-add-room = Добавить комнату
rehab-room-name = Комната
rehab-room-beds = Коек
rehab-shift-rule = Кого принимают
rehab-rule-Women = Женщин; девочек и мальчиков до 13 лет с матерью. Детей — только с родителем или законным представителем в той же смене.
rehab-rule-Men = Мужчин; мальчиков и девочек до 13 лет с отцом. Детей — только с родителем или законным представителем в той же смене.
rehab-rule-ChildrenWithParents = Детей, каждого с родителем или законным представителем; каждый взрослый сопровождает ребёнка.
rehab-rule-Families = Семьи пострадавших; детей — только с родителем или законным представителем в той же смене.
rehab-admit = Принять по случаю
rehab-case-code = Код случая
rehab-admit-next = Далее
rehab-stays = Пребывания
rehab-no-stays = В эту смену ещё никто не принят.
rehab-the-person = Сам человек
rehab-child = ребёнок
rehab-arrived = Прибыл(а)
rehab-cancel = Отменить
rehab-discharge = Выписать
rehab-waiting-list = Лист ожидания
rehab-waiting-none = Никто не ждёт.
rehab-place = Принять в смену
rehab-not-admissible = Принять по этому случаю пока нельзя:
rehab-who-comes = Кто приезжает (сам человек и родственники, связанные со случаем)
rehab-bed-any = Первая свободная койка
rehab-planned-from = Заезд
rehab-planned-to = Выезд
rehab-arrived-now = Прибыл(а) сегодня (пребывание начинается сейчас)
rehab-consent-hint = Информированное согласие человека на пребывание и правила центра записывается в случае; за ребёнка — согласие законного представителя.
rehab-to-waiting-list = Поставить в лист ожидания
rehab-stay = Пребывание
rehab-open-case = Открыть случай
rehab-with = Принят(а) вместе с
rehab-plan = Индивидуальный план реабилитации
rehab-plan-empty = Целей пока нет.
rehab-plan-add = Добавить цель
rehab-kind = Вид реабилитации
rehab-goal = Цель
rehab-activities = Мероприятия
rehab-save = Сохранить
rehab-sessions = Занятия
rehab-sessions-none = Занятий пока не было.
rehab-session-add = Записать занятие
rehab-held-on = День
rehab-held-by = Провёл(а)
rehab-minutes = Минут
rehab-topic = Тема
rehab-notes = Записи о ходе реабилитации
rehab-notes-hint = Пишутся вместе с человеком; хранятся зашифрованными, каждое чтение записывается.
rehab-notes-none = Записей пока нет.
rehab-note = Запись
rehab-note-add = Добавить запись
rehab-participation = Как человек участвовал
rehab-review = Итоги при выписке
rehab-discharge-children = Дети, приехавшие с человеком, выписываются вместе с ним.
rehab-left-on = День выезда
rehab-reason = Причина
rehab-destination = Куда
rehab-summary = Итог пребывания
rehab-summary-hint = Чего удалось достичь и что дальше — так, как договорились с человеком.
rehab-calendar-title = Календарь заполненности
rehab-calendar-hint = Кто на какой койке — только по коду случая.
rehab-from = С
rehab-to = По
rehab-show = Показать
rehab-earlier = Раньше
rehab-later = Позже
rehab-legend-staying = проживает
rehab-legend-planned = запланировано
rehab-legend-child = ребёнок
rehab-day-title = День в центре
rehab-date = День
rehab-day-occupied = Сегодня занято { $occupied } из { $beds } коек
rehab-day-beds = Койки на эту ночь
rehab-bed-free = свободна
rehab-until = до { $date }
rehab-day-arriving = Заезжают
rehab-day-leaving = Выезжают
rehab-none = Нет.
rehab-stats-title = Статистика реабилитационного центра
rehab-stat-stays = Пребывания
rehab-stat-bed-nights = Койко-дни
rehab-stat-occupancy = Заполненность
rehab-stat-average = Средняя длительность пребывания (ночей)
rehab-stat-by-month = Койко-дни по месяцам
rehab-stat-chart-title = Койко-дни по месяцам, столбчатая диаграмма; те же числа — в таблице ниже.
rehab-stat-by-kind = По видам смен
rehab-stat-by-sex = По полу
rehab-stat-by-age = По возрастным группам
rehab-stat-by-citizenship = По гражданству
rehab-stat-services = Услуги во время пребывания
rehab-stat-offered = Койко-дней, предложенных сменами за период: { $offered }.
rehab-month = Месяц
rehab-unknown = Неизвестно
rehab-citizenship = Гражданство
rehab-service = Услуга
rehab-count = Число
rehab-status-Waiting = Лист ожидания
rehab-status-Planned = Запланировано
rehab-status-Admitted = Проживает
rehab-status-Discharged = Выписан(а)
rehab-status-Cancelled = Отменено
rehab-reason-ProgrammeCompleted = Программа пройдена
rehab-reason-OwnDecision = Собственное решение человека
rehab-reason-TransferredElsewhere = Передан(а) в другую службу
rehab-reason-HealthReasons = По состоянию здоровья
rehab-reason-RulesBroken = Нарушение правил центра
rehab-reason-Other = Другое
rehab-destination-Home = Домой
rehab-destination-Relatives = К родственникам
rehab-destination-OwnHousing = Своё или съёмное жильё
rehab-destination-Shelter = Другой приют
rehab-destination-Hospital = Больница
rehab-destination-ReturnAbroad = Возвращение в страну происхождения
rehab-destination-Unknown = Неизвестно
rehab-goal-Open = В работе
rehab-goal-Achieved = Достигнута
rehab-goal-PartlyAchieved = Достигнута частично
rehab-goal-NotAchieved = Не достигнута
rehab-participation-CoWritten = Написано вместе
rehab-participation-ReadAndAgreed = Прочитано человеку, он(а) согласен(на)
rehab-participation-PersonsOwnWords = Словами самого человека
rehab-citizenship-Citizen = Граждане Беларуси
rehab-citizenship-Foreigner = Иностранцы
rehab-citizenship-Stateless = Лица без гражданства
rehab-notice-centre-added = Центр добавлен.
rehab-notice-room-added = Комната добавлена.
rehab-notice-shift-planned = Смена запланирована.
rehab-notice-admitted = Принят(а): пребывание началось.
rehab-notice-planned = Приём запланирован; отметьте прибытие в день заезда.
rehab-notice-waiting = Смена заполнена: приём поставлен в лист ожидания.
rehab-notice-arrived = Прибытие отмечено.
rehab-notice-cancelled = Приём отменён.
rehab-notice-placed = Приём перенесён из листа ожидания и запланирован.
rehab-notice-plan-added = Цель добавлена в план.
rehab-notice-plan-updated = Цель обновлена.
rehab-notice-session-added = Занятие записано.
rehab-notice-note-added = Запись добавлена (зашифрована).
rehab-notice-discharged = Выписка оформлена.
event-rehab-admitted = Принят(а) в реабилитационный центр
event-rehab-waiting = В листе ожидания реабилитационного центра
event-rehab-arrived = Прибыл(а) в реабилитационный центр
event-rehab-cancelled = Приём в реабилитационный центр отменён
event-rehab-discharged = Выписан(а) из реабилитационного центра
event-rehab-plan = План реабилитации: добавлена цель
event-rehab-session = Проведено занятие реабилитации
event-rehab-note = Добавлена запись о ходе реабилитации
field-stay-not-eligible = Нет права на пребывание: статус пострадавшего не подтверждён.
field-stay-consent-missing = Нет согласия: запишите в случае информированное согласие человека на пребывание в центре и его правила (за ребёнка — законного представителя).
field-case-closed = Случай закрыт: откройте его снова перед приёмом.
field-capacity-range = Укажите число мест от 1 до { $max }.
field-capacity-over-beds = Больше, чем коек в центре: не более { $max }.
field-shift-too-long = Смена длится не более { $max } дней.
field-stay-too-short = Пребывание — хотя бы одна ночь: выезд позже заезда.
field-stay-outside-shift = Пребывание должно укладываться в смену: с { $from } по { $to }.
field-shift-women-only = Это женская смена: мужчину в неё принять нельзя. Выберите мужскую смену или смену для семей.
field-shift-men-only = Это мужская смена: женщину в неё принять нельзя. Выберите женскую смену или смену для семей.
field-child-too-old-for-shift = Ребёнок другого пола старше { $age } лет не живёт в этой смене: выберите смену для детей с родителями или для семей.
field-child-needs-companion = Ребёнка принимают только вместе с сопровождающим родителем или законным представителем в той же смене: примите их вместе.
field-companion-dates = Ребёнок не может оставаться дольше родителя или законного представителя, с которым приехал.
field-adult-needs-child = Эта смена — для детей с родителями: взрослого принимают только вместе с ребёнком.
field-bed-taken = Эта койка в эти ночи занята: выберите другую или оставьте «первая свободная».
field-shift-full = Смена заполнена: { $capacity } человек в ночь на { $date }. Поставьте приём в лист ожидания или выберите другие даты.
field-not-arrived = Человек ещё не прибыл.
field-child-left-behind = Ребёнок, приехавший с человеком, ещё проживает: они выписываются вместе.
field-participation-required = Укажите, как человек участвовал в записи.
field-not-planned = Так можно изменить только запланированный приём.
field-not-waiting = Этого приёма нет в листе ожидания.
field-session-outside-stay = Занятие должно быть в пределах пребывания: с { $from } по { $to }.
field-minutes-range = Укажите от 5 до 480 минут.
field-number-format = Введите целое число.
field-rooms-format = Запишите каждую комнату как «название: число коек» (от 1 до 20), через запятую.
field-arrival-today = Прибытие сегодня означает дату заезда { $date }.
## hotline
case-from-hotline = Открыт по
case-from-hotline-link = консультации горячей линии
nav-hotline = Журнал горячей линии
nav-hotline-new = Новая консультация
nav-hotline-requests = Онлайн-обращения
nav-hotline-statistics = Статистика горячей линии
hotline-log-title = Консультации горячей линии
hotline-new-title = Новая консультация
hotline-new-lead = Заполняйте во время разговора. Все сведения о звонящем необязательны: человек остаётся анонимным, если сам не решит иначе.
hotline-keys-hint = Клавиатура: Tab — к следующему полю, Ctrl+Enter — сохранить; Alt+Shift+C канал, D страна, T темы, Q вопрос, A ответ, O итог, S сохранить. Форма сохраняется как зашифрованный черновик по ходу ввода.
hotline-working-hours = Время работы: { $hours }.
hotline-channel = Канал
hotline-started-at = Время
hotline-duration = Длительность, минут
hotline-destination = Страна назначения
hotline-topics = Темы
hotline-topic = Тема
hotline-caller = Звонящий
hotline-caller-hint = Только то, что человек сказал сам или что очевидно; остальное оставьте пустым.
hotline-sex = Пол
hotline-age-band = Возраст
hotline-region = Регион
hotline-caller-type = Кто обращается
hotline-not-said = Не указано
hotline-question = Вопрос
hotline-answer = Данный ответ
hotline-outcome = Итог
hotline-outcome-hint = Консультацию, в которой видны признаки торговли людьми, можно со страницы консультации передать в случай — с согласия человека.
hotline-referred-to = Направлен(а) в
hotline-no-referral = Никуда
hotline-repeat = Повторное обращение
hotline-repeat-hint = Только с согласия звонящего: номер или Viber-идентификатор связывает его консультации. Хранится только ключевой хеш, а не сам номер.
hotline-caller-contact = Номер телефона или Viber-идентификатор
hotline-repeat-consent = Звонящий согласен, чтобы его узнавали при следующих обращениях
hotline-save = Сохранить консультацию
hotline-save-draft = Сохранить черновик
hotline-discard-draft = Удалить черновик
hotline-autosaved = Черновик сохранён в
hotline-autosave-failed = Не удалось сохранить черновик; не закрывайте страницу и попробуйте ещё раз.
hotline-notice-saved = Консультация сохранена. Форма готова к следующему звонку.
hotline-notice-draft-saved = Черновик сохранён (зашифрован).
hotline-notice-draft-discarded = Черновик удалён.
hotline-open-saved = Открыть консультацию { $n }
hotline-draft-resumed = Продолжаете черновик, сохранённый { $at }.
hotline-from = С
hotline-to = По
hotline-mine = Только мои
hotline-log-empty = Подходящих консультаций нет.
hotline-older = Более ранние консультации
hotline-repeat-tag = повторно
hotline-same-caller-shown = Показаны консультации того же человека (он согласился, чтобы его узнавали).
hotline-show-all = Показать все
hotline-consultation-title = Консультация
hotline-consultation-heading = Консультация от { $at }
hotline-calls-of-caller = { $plural ->
    [one] { $count } консультация этого человека
    [few] { $count } консультации этого человека
   *[other] { $count } консультаций этого человека
}
hotline-show-same-caller = Показать
hotline-anonymous = Анонимно
hotline-case = Случай
hotline-said = Что было сказано
hotline-said-hint = Зашифровано; каждый просмотр записывается в журнал аудита.
hotline-no-text = Текст не записан (перенесённая история).
hotline-escalate-title = Передать в случай
hotline-escalate-lead = Если в консультации видны признаки торговли людьми и человек согласен, зарегистрируйте его и откройте случай за один шаг. Сказанное переносится в зашифрованную заметку случая, а случай и консультация ссылаются друг на друга.
hotline-escalate-phone = Телефон (необязательно)
hotline-escalate-consent = Человек согласен на обработку его данных и открытие случая (устное согласие)
hotline-escalate = Открыть случай
hotline-escalation-note = Из консультации горячей линии от { $at } ({ $channel }; { $topics }). Вопрос: { $question } Ответ: { $answer }
hotline-statistics-title = Статистика горячей линии
hotline-year = Год
hotline-month = Месяц
hotline-all-years = Все годы
hotline-total = консультаций за период
hotline-cumulative = человек получили консультации с начала учёта
hotline-by-year = По годам
hotline-by-month = По месяцам
hotline-chart-topics = Тематика обращений, { $period }
hotline-chart-years = Консультации по годам
hotline-chart-caption = Доля консультаций по темам (у консультации может быть несколько тем); те же числа — в таблице ниже.
hotline-not-recorded = Не указано
hotline-export-csv = Скачать CSV
hotline-export-xlsx = Скачать XLSX
hotline-export-section = Разрез
hotline-export-label = Значение
hotline-export-code = Код
hotline-export-count = Консультаций
hotline-export-share = Доля, %
hotline-queue-title = Онлайн-обращения
hotline-queue-lead = Обращения с публичной формы. Пришедшие вне рабочего времени ({ $hours }) ждут здесь следующей смены; самые старые — первыми.
hotline-queue-waiting = { $plural ->
    [one] { $count } онлайн-обращение ждёт ответа
    [few] { $count } онлайн-обращения ждут ответа
   *[other] { $count } онлайн-обращений ждут ответа
}
hotline-waiting-for = Ждёт
hotline-language = Язык
hotline-after-hours = вне рабочего времени
hotline-answer-it = Ответить
hotline-recently-answered = Недавно отвеченные
hotline-age = { $h } ч { $m } мин
hotline-request-title = Онлайн-обращение
hotline-request-sent = Отправлено { $at }, ждало { $age }
hotline-send-answer = Отправить ответ
consult-title = Спросите горячую линию по безопасному выезду
consult-lead = Собираетесь за границу на работу, учёбу или замуж? Задайте вопрос: консультанты отвечают бесплатно и анонимно. Вы получите код, по которому прочитаете ответ здесь же; ни регистрация, ни имя не нужны.
consult-lines = Или позвоните, { $hours }:
consult-after-hours = Консультанты отвечают { $hours }. Ваше обращение подождёт и получит ответ в ближайшую рабочую смену.
consult-quick-exit = Быстро уйти со страницы
consult-quick-exit-hint = Кнопка (или дважды Esc) сразу открывает другой сайт.
consult-question = Ваш вопрос
consult-question-hint = Не пишите своё имя, номер телефона или адрес.
consult-topic = Тема
consult-topic-none = Не знаю
consult-honeypot = Оставьте это поле пустым
consult-privacy = Вопрос хранится в зашифрованном виде. Его читают только консультанты горячей линии; ответ показывает только полученный вами код.
consult-send = Отправить вопрос
consult-sending = Проверяем, что отправляет человек…
consult-sent-title = Ваш вопрос отправлен
consult-sent-lead = Сохраните этот код. С ним, и только с ним, можно прочитать ответ:
consult-sent-keep = Запишите или сохраните его. Мы не знаем, кто вы, поэтому не сможем прислать код повторно.
consult-have-ticket = У меня есть код: прочитать ответ
consult-ticket-title = Прочитать ответ
consult-ticket = Ваш код
consult-read = Показать ответ
consult-your-question = Ваш вопрос от { $at }
consult-answer = Ответ
consult-not-yet = Ответа пока нет. Консультанты отвечают в рабочее время; загляните позже.
consult-answered-at = Ответ дан { $at }.
consult-new = Задать другой вопрос
field-number-range = Введите число от { $min } до { $max }.
field-too-many = Выберите не более { $max }.
field-needs-caller-consent = Номер сохраняется только с согласия звонящего: отметьте согласие или сотрите номер.
field-contact-format = Введите номер телефона (от 5 до 15 цифр) или Viber-идентификатор.
field-datetime-format = Введите дату и время, например 2026-03-02 14:30.
field-escalation-needs-consent = Случай открывается только с согласия человека.
field-honeypot = Не удалось отправить обращение.
field-challenge-expired = Форма устарела: обновите страницу и отправьте снова.
field-proof-failed = Проверка не пройдена: обновите страницу и отправьте снова.
field-too-fast = Подождите несколько секунд и отправьте снова.
field-no-such-ticket = Обращения с таким кодом нет. Проверьте код и попробуйте снова.
field-already-answered = На это обращение уже ответили.
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
## prevention

home-campaigns-heading = Информационные кампании
home-consultation-link = Задать вопрос онлайн
home-partners-heading = Организации, в которые можно обратиться
home-public-statistics-link = Открытая статистика
home-selfcheck-heading = Перед поездкой: советы и самопроверка
nav-campaigns = Кампании
nav-prevention-statistics = Статистика профилактики
nav-public-pages = Страницы сайта
nav-public-partners = Партнёры на сайте
nav-quizzes = Тесты
nav-trainings = Обучение
prevention-attended = Присутствовал(а)
prevention-attended-label = { $name } присутствовал(а)
prevention-average-gain = Средний прирост знаний (баллов из 100)
prevention-back-home = На главную
prevention-campaign-by-year = Охват по годам
prevention-campaign-channels = Каналы
prevention-campaign-create = Записать кампанию
prevention-campaign-edit = Изменить кампанию
prevention-campaign-materials = Материалы
prevention-campaign-name = Название
prevention-campaign-new = Новая кампания
prevention-campaign-partners = Партнёры
prevention-campaign-period = Период
prevention-campaign-reach = Охват, человек
prevention-campaign-regions = Области
prevention-campaign-status = Статус
prevention-campaign-summary = О чём кампания (видно на сайте)
prevention-campaign-target-groups = Целевые группы
prevention-campaign-theme = Тема
prevention-campaign-total-line = { $materials } материалов охватили около { $people } человек.
prevention-campaign-totals = Итоги
prevention-campaigns-lead = Кампании, их материалы и охват, который вносится по мере поступления данных; опубликованная кампания видна на сайте.
prevention-campaigns-none = Кампаний пока нет.
prevention-campaigns-title = Информационные кампании
prevention-certificate = Сертификат
prevention-certificate-certifies = Настоящий сертификат подтверждает, что
prevention-certificate-completed = прошёл обучение
prevention-certificate-completed-f = прошла обучение
prevention-certificate-for = Сертификат: { $name } (PDF)
prevention-certificate-heading = Сертификат
prevention-certificate-number = Сертификат № { $number }
prevention-certificate-trainers = Тренеры: { $names }
prevention-column-full-name = ФИО
prevention-column-sex = Пол
prevention-column-organisation = Организация
prevention-column-organisation-type = Тип организации
prevention-column-region = Область
prevention-column-mdg-member = Член МДГ
prevention-copies = Экземпляры
prevention-course = Курс
prevention-course-create = Записать курс
prevention-course-description = Содержание
prevention-course-new = Новый курс
prevention-course-organiser = Организатор
prevention-course-title = Название
prevention-courses = Курсы
prevention-courses-none = Сначала запишите курс.
prevention-dates = Даты
prevention-draft = Черновик
prevention-ends-on = Последний день
prevention-event-add = Добавить мероприятие
prevention-event-add-expert = Добавить приглашённых экспертов
prevention-event-add-participants = Добавить участников
prevention-event-ages = в возрасте { $ages }
prevention-event-ages-hint = Возраст участников одного пола и области, например 19, 21, 24. Имена не записываются.
prevention-event-ages-label = Возраст
prevention-event-experts = Приглашённые эксперты
prevention-event-experts-count = Сколько экспертов
prevention-event-name = Мероприятие
prevention-event-topic = Тема выступления
prevention-events = Мероприятия
prevention-feedback = Отзывы
prevention-feedback-add = Записать отзыв
prevention-feedback-average = Средняя оценка
prevention-feedback-comment = Комментарий
prevention-feedback-hint = Анкеты обратной связи анонимны: записывайте их без имён.
prevention-feedback-rating = Оценка { $rating } из 5
prevention-feedback-rating-label = Оценка (1–5)
prevention-from-directory = Из справочника организаций
prevention-gain = Прирост
prevention-import = Загрузить список участников
prevention-import-bad-file = Файл не является ни текстом CSV, ни книгой XLSX.
prevention-import-empty = В списке нет участников.
prevention-import-file = Файл CSV или XLSX
prevention-import-header = В первой строке должны быть названия столбцов: ФИО, пол, организация (и при желании тип организации, область, член МДГ).
prevention-import-hint = Первая строка — названия столбцов (full_name, sex, organisation, organisation_type, region, mdg_member или то же по-русски или по-белорусски). Принимаются коды и названия на любом языке; организация из справочника сама подставляет тип и область.
prevention-import-mode = Если в некоторых строках ошибки
prevention-import-mode-all = ничего не загружать (исправить файл и отправить снова)
prevention-import-mode-valid = загрузить только правильные строки
prevention-import-no-file = Выберите файл.
prevention-import-nothing = Ничего не загружено: исправьте строки ниже и отправьте файл снова или выберите загрузку только правильных строк.
prevention-import-report = Отчёт о загрузке
prevention-import-result = Результат
prevention-import-row = Строка
prevention-import-row-ok = без ошибок
prevention-import-submit = Проверить и загрузить
prevention-material-add = Добавить материал
prevention-material-kind = Вид
prevention-material-title = Название
prevention-materials = Материалы
prevention-materials-none = Материалов пока нет.
prevention-max-score = Максимальный балл теста
prevention-max-score-hint = Один и тот же тест проходят до и после обучения.
prevention-mdg = Член межведомственной группы (МДГ)
prevention-measured-on = Дата данных
prevention-multiple-hint = Удерживайте Ctrl (или Cmd), чтобы выбрать несколько.
prevention-online = Онлайн
prevention-organisation = Организация
prevention-organisation-directory = Организация из справочника
prevention-organisation-name = Или её название, если её нет в справочнике
prevention-organisation-name-hint = Тогда выберите также тип и область.
prevention-organisation-other = Нет в справочнике
prevention-organisation-type = Тип организации
prevention-page-body = Текст
prevention-page-body-hint = Разделяйте абзацы пустой строкой.
prevention-page-edit = Страница сайта
prevention-page-never-published = Ещё не опубликована: посетители её не видят.
prevention-page-new-hint = Чтобы начать новую страницу, откройте /content/pages/ и её адрес, например /content/pages/study-abroad.
prevention-page-preview-note = Предпросмотр: так черновик увидят посетители после публикации.
prevention-page-published-at = Опубликована
prevention-page-save-draft = Сохранить черновик
prevention-page-title = Заголовок
prevention-page-unpublished-changes = в черновике есть неопубликованные изменения
prevention-pages-lead = Страницы сайта, например советы по безопасному выезду. Измените черновик, посмотрите и опубликуйте.
prevention-pages-title = Страницы сайта
prevention-participant-add = Добавить участника
prevention-participants = Участники
prevention-participants-none = Участников пока нет.
prevention-partners-lead = Организации, согласившиеся быть указанными на сайте, чтобы посетители знали, куда обратиться.
prevention-partners-legend = Указаны на сайте
prevention-partners-title = Партнёры на сайте
prevention-people-reached = Охват, человек
prevention-place = Место
prevention-place-or-platform = Место (или платформа, если онлайн)
prevention-points-unit = { "" } б.
prevention-post-label = Балл итогового теста: { $name }
prevention-post-test = Итоговый тест (из { $max })
prevention-pre-label = Балл входного теста: { $name }
prevention-pre-test = Входной тест (из { $max })
prevention-preview = Предпросмотр
prevention-preview-draft = Предпросмотр: кампания — черновик, на сайте её пока нет.
prevention-preview-published = Предпросмотр: так кампания выглядит на сайте.
prevention-public-reach = Охват — около { $people } человек.
prevention-publish = Опубликовать
prevention-published = Опубликовано
prevention-quiz-advice = Совет
prevention-quiz-again = Пройти ещё раз
prevention-quiz-answer = Ответ
prevention-quiz-answer-add = Добавить ответ
prevention-quiz-answer-points = Баллы
prevention-quiz-back-to-editor = Вернуться к редактированию
prevention-quiz-band-add = Добавить диапазон баллов
prevention-quiz-band-max = Наибольший балл
prevention-quiz-band-min = Наименьший балл
prevention-quiz-bands = Советы по баллам
prevention-quiz-chosen = выбран { $count } раз
prevention-quiz-create = Создать тест
prevention-quiz-intro = Вступление
prevention-quiz-max-score = Наибольший возможный балл: { $max }
prevention-quiz-meta = Название и вступление
prevention-quiz-new = Новый тест
prevention-quiz-not-ready = Перед публикацией нужно:
prevention-quiz-nothing-kept = Ваши ответы не сохраняются: учитывается только, сколько человек прошли тест.
prevention-quiz-points = { $points } б.
prevention-quiz-preview-note = Предпросмотр: ответы здесь не учитываются.
prevention-quiz-problem-no_questions = добавить вопрос
prevention-quiz-problem-question_without_choice = дать каждому вопросу не меньше двух ответов
prevention-quiz-problem-score_without_advice = дать совет для каждого возможного балла
prevention-quiz-public-link = Открыть на сайте
prevention-quiz-published-hint = Опубликованный тест нельзя менять: снимите его с публикации, чтобы изменить.
prevention-quiz-question = Вопрос
prevention-quiz-question-add = Добавить вопрос
prevention-quiz-questions = Вопросы
prevention-quiz-reached = получен { $count } раз
prevention-quiz-score = Ваш результат: { $score } из { $max }.
prevention-quiz-slug = Адрес
prevention-quiz-slug-hint = Часть адреса /quizzes/…: строчные латинские буквы, цифры и дефисы, например safe-job-offer.
prevention-quiz-submit = Узнать результат
prevention-quiz-taken = Пройден
prevention-quiz-taken-line = пройден { $count } раз
prevention-quiz-title = Название
prevention-quiz-your-result = Ваш результат
prevention-quizzes-lead = Тесты самопроверки для посетителей сайта. Составьте тест, посмотрите его и опубликуйте.
prevention-quizzes-public-lead = Короткие анонимные тесты: ответьте на несколько вопросов и получите совет. Ваши ответы не сохраняются.
prevention-quizzes-public-title = Проверьте себя
prevention-quizzes-title = Тесты самопроверки
prevention-reach-add = Добавить охват
prevention-reach-add-for = Добавить охват: { $title }
prevention-region = Область
prevention-region-none = Без области (республиканский или онлайн)
prevention-released-on = Дата выхода
prevention-results-save = Сохранить присутствие и баллы
prevention-save = Сохранить
prevention-session-create = Записать занятие
prevention-session-new = Новое занятие
prevention-sessions = Занятия
prevention-sessions-none = Занятий пока нет.
prevention-sex = Пол
prevention-starts-on = Первый день
prevention-stats-campaigns = Охват по кампаниям
prevention-stats-gain = Средний прирост знаний по годам (баллов из 100)
prevention-stats-lead = Только сводные данные: по этим цифрам нельзя узнать человека.
prevention-stats-none = Данных пока нет.
prevention-stats-reach-year-theme = Охват в { $year } году по темам
prevention-stats-title = Статистика профилактики и обучения
prevention-stats-trained-region = Обучено человек по областям
prevention-stats-trained-sex = Обучено человек по полу
prevention-stats-trained-type = Обучено человек по типам организаций
prevention-stats-trained-year = Обучено человек по годам
prevention-stats-videos-articles = Видео и статьи
prevention-stats-years = Охват по годам
prevention-trainers = Тренеры
prevention-trainers-hint = Имена через запятую.
prevention-trainings-lead = Курсы учебного центра и партнёров, занятия, участники, тесты и сертификаты.
prevention-trainings-title = Обучение специалистов
prevention-unpublish = Снять с публикации
prevention-views = Просмотры
prevention-year = Год
prevention-notice-campaign-created = Кампания записана как черновик.
prevention-notice-campaign-updated = Кампания сохранена.
prevention-notice-campaign-published = Кампания опубликована на сайте.
prevention-notice-campaign-unpublished = Кампания снята с сайта.
prevention-notice-material-added = Материал добавлен.
prevention-notice-reach-added = Охват записан.
prevention-notice-event-added = Мероприятие добавлено.
prevention-notice-participants-added = Участники записаны.
prevention-notice-expert-added = Эксперты записаны.
prevention-notice-course-created = Курс записан.
prevention-notice-session-created = Занятие записано.
prevention-notice-participant-added = Участник добавлен.
prevention-notice-results-saved = Присутствие и баллы сохранены.
prevention-notice-feedback-added = Отзыв записан.
prevention-notice-no-certificate = Сертификат выдаётся только присутствовавшим участникам.
prevention-notice-quiz-created = Тест создан. Добавьте вопросы, ответы и советы, затем опубликуйте.
prevention-notice-quiz-updated = Тест сохранён.
prevention-notice-question-added = Вопрос добавлен.
prevention-notice-answer-added = Ответ добавлен.
prevention-notice-band-added = Совет добавлен.
prevention-notice-quiz-published = Тест опубликован на сайте.
prevention-notice-quiz-unpublished = Тест снят с сайта.
prevention-notice-page-saved = Черновик сохранён; посетители пока видят опубликованную версию.
prevention-notice-page-published = Страница опубликована.
prevention-notice-partners-saved = Список партнёров на сайте сохранён.
prevention-month-1 = января
prevention-month-2 = февраля
prevention-month-3 = марта
prevention-month-4 = апреля
prevention-month-5 = мая
prevention-month-6 = июня
prevention-month-7 = июля
prevention-month-8 = августа
prevention-month-9 = сентября
prevention-month-10 = октября
prevention-month-11 = ноября
prevention-month-12 = декабря
field-slug-chars = Используйте от 2 до 60 строчных латинских букв, цифр и дефисов.
field-band-order = Наибольший балл меньше наименьшего.
field-band-overlap = Этот диапазон пересекается с уже заданным.
field-reach-empty = Укажите просмотры, участников или экземпляры.
field-choose-answer = Выберите ответ.
field-quiz-published = Опубликованный тест нельзя менять: сначала снимите его с сайта.
field-quiz-incomplete = Тест ещё не готов: см. выше, чего не хватает.
field-yes-no = Напишите «да» или «нет».
list-target_group = Целевые группы кампаний
prevention-reach-entries = { $plural ->
    [one] { $count } запись
    [few] { $count } записи
    [many] { $count } записей
   *[other] { $count } записи
}
prevention-event-participants = { $plural ->
    [one] { $count } участник
    [few] { $count } участника
    [many] { $count } участников
   *[other] { $count } участника
}
prevention-import-checked = { $plural ->
    [one] Проверена { $count } строка.
    [few] Проверено { $count } строки.
    [many] Проверено { $count } строк.
   *[other] Проверено { $count } строки.
}
prevention-import-invalid = { $plural ->
    [one] С ошибками: { $count }.
   *[other] С ошибками: { $count }.
}
prevention-import-imported = { $plural ->
    [one] Загружен { $count } участник.
    [few] Загружено { $count } участника.
    [many] Загружено { $count } участников.
   *[other] Загружено { $count } участника.
}
prevention-import-too-many = { $plural ->
    [one] Список слишком длинный: не больше { $count } строки за раз.
   *[other] Список слишком длинный: не больше { $count } строк за раз.
}
prevention-import-too-large = { $plural ->
    [one] Файл слишком большой: не больше { $count } МиБ.
   *[other] Файл слишком большой: не больше { $count } МиБ.
}
