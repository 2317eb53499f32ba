/** Word lists the directory is built from (plain data; the choice is made by the seeded RNG). */

export const FIRST_NAMES: readonly string[] = [
  'james', 'mary', 'john', 'patricia', 'robert', 'jennifer', 'michael', 'linda', 'william', 'elizabeth',
  'david', 'barbara', 'richard', 'susan', 'joseph', 'jessica', 'thomas', 'sarah', 'charles', 'karen',
  'daniel', 'nancy', 'matthew', 'lisa', 'anthony', 'betty', 'mark', 'margaret', 'donald', 'sandra',
  'steven', 'ashley', 'paul', 'kimberly', 'andrew', 'emily', 'joshua', 'donna', 'kenneth', 'michelle',
  'kevin', 'carol', 'brian', 'amanda', 'george', 'melissa', 'timothy', 'deborah', 'ronald', 'stephanie',
  'jason', 'rebecca', 'edward', 'laura', 'jeffrey', 'sharon', 'ryan', 'cynthia', 'jacob', 'kathleen',
  'gary', 'amy', 'nicholas', 'angela', 'eric', 'shirley', 'jonathan', 'anna', 'stephen', 'brenda',
  'larry', 'pamela', 'justin', 'emma', 'scott', 'nicole', 'brandon', 'helen', 'benjamin', 'samantha',
  'samuel', 'katherine', 'gregory', 'christine', 'alexander', 'debra', 'patrick', 'rachel', 'frank', 'carolyn',
  'raymond', 'janet', 'jack', 'maria', 'dennis', 'olivia', 'jerry', 'heather', 'tyler', 'diane',
  'aaron', 'julie', 'jose', 'joyce', 'adam', 'victoria', 'nathan', 'ruth', 'henry', 'virginia',
  'zachary', 'lauren', 'douglas', 'kelly', 'peter', 'christina', 'kyle', 'joan', 'noah', 'evelyn',
];

export const LAST_NAMES: readonly string[] = [
  'smith', 'johnson', 'williams', 'brown', 'jones', 'garcia', 'miller', 'davis', 'rodriguez', 'martinez',
  'hernandez', 'lopez', 'gonzalez', 'wilson', 'anderson', 'thomas', 'taylor', 'moore', 'jackson', 'martin',
  'lee', 'perez', 'thompson', 'white', 'harris', 'sanchez', 'clark', 'ramirez', 'lewis', 'robinson',
  'walker', 'young', 'allen', 'king', 'wright', 'scott', 'torres', 'nguyen', 'hill', 'flores',
  'green', 'adams', 'nelson', 'baker', 'hall', 'rivera', 'campbell', 'mitchell', 'carter', 'roberts',
  'gomez', 'phillips', 'evans', 'turner', 'diaz', 'parker', 'cruz', 'edwards', 'collins', 'reyes',
  'stewart', 'morris', 'morales', 'murphy', 'cook', 'rogers', 'gutierrez', 'ortiz', 'morgan', 'cooper',
  'peterson', 'bailey', 'reed', 'kelly', 'howard', 'ramos', 'kim', 'cox', 'ward', 'richardson',
  'watson', 'brooks', 'chavez', 'wood', 'james', 'bennett', 'gray', 'mendoza', 'ruiz', 'hughes',
  'price', 'alvarez', 'castillo', 'sanders', 'patel', 'myers', 'long', 'ross', 'foster', 'jimenez',
  'mueller', 'schmidt', 'schneider', 'fischer', 'weber', 'dubois', 'moreau', 'laurent', 'rossi', 'russo',
];

/** Departments with their share of the headcount. */
export const DEPARTMENTS: readonly { readonly name: string; readonly weight: number }[] = [
  { name: 'Sales', weight: 18 },
  { name: 'Engineering', weight: 20 },
  { name: 'Support', weight: 12 },
  { name: 'Marketing', weight: 8 },
  { name: 'Finance', weight: 7 },
  { name: 'Operations', weight: 9 },
  { name: 'IT', weight: 7 },
  { name: 'HR', weight: 5 },
  { name: 'Legal', weight: 3 },
  { name: 'Procurement', weight: 4 },
  { name: 'Executive', weight: 2 },
  { name: 'Facilities', weight: 3 },
];

/** Cross-functional distribution groups, after one group per department. */
export const GROUP_NAMES: readonly string[] = [
  'all-managers', 'project-apollo', 'it-oncall', 'leadership', 'social-committee', 'security-team',
  'product-council', 'project-zephyr', 'release-board', 'training', 'safety-wardens', 'press-office',
  'change-advisory', 'architecture', 'data-governance', 'project-orion', 'emea-team', 'americas-team',
  'apac-team', 'newcomers', 'book-club', 'green-team', 'hackathon', 'quality-circle',
];

/** Service mailboxes that send automated mail (notifications, reports, reminders). */
export const SERVICE_MAILBOXES: readonly string[] = [
  'noreply', 'helpdesk', 'hr-notifications', 'it-alerts', 'sharepoint', 'scanner', 'payroll', 'reports',
];

/** Roots for recurring external correspondent domains (Microsoft's fictitious companies first). */
export const COMPANY_ROOTS: readonly string[] = [
  'fabrikam', 'northwindtraders', 'adatum', 'litwareinc', 'tailspintoys', 'wingtiptoys', 'woodgrovebank',
  'proseware', 'fourthcoffee', 'alpineskihouse', 'blueyonderairlines', 'cohowinery', 'lucernepublishing',
  'margiestravel', 'nodpublishers', 'relecloud', 'treyresearch', 'wideworldimporters', 'humongousinsurance',
  'consolidatedmessenger', 'southridgevideo', 'cpandl', 'graphicdesigninstitute', 'adventure-works',
  'baldwinmuseum', 'bellowscollege', 'firstupconsultants', 'lamnahealthcare', 'munsonspicklesandpreserves',
  'thephone-company', 'vanarsdelltd', 'woodgrove', 'contosopharma', 'fineartschool', 'worldwideimporters',
];

/** Suffixes that extend COMPANY_ROOTS when more domains are asked for than there are roots. */
export const COMPANY_SUFFIXES: readonly string[] = ['group', 'labs', 'partners', 'systems', 'logistics', 'global'];

/** Parts of throw-away spam and phishing sender domains. */
export const SPAM_WORDS: readonly string[] = [
  'secure', 'verify', 'account', 'login', 'update', 'billing', 'promo', 'deals', 'winner', 'crypto',
  'invoice', 'support', 'mail', 'notice', 'alert', 'bonus', 'pharma', 'loan',
];
export const SPAM_TLDS: readonly string[] = ['top', 'xyz', 'info', 'click', 'biz', 'online', 'site', 'ru', 'cn'];
