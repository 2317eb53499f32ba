import type { Rng } from '../rng.js';

/**
 * Subject lines by category. The category is drawn first and drives the rest of the message
 * (sender, size, anti-spam verdict, fate), so subjects and verdicts always agree.
 */
export type Category = 'business' | 'automated' | 'newsletter' | 'spam' | 'phishing';

const BUSINESS = [
  'Q3 budget review', 'Contract renewal', 'Meeting notes - project kickoff', 'Updated proposal attached',
  'Quarterly business review', 'Draft agenda for Thursday', 'Purchase order confirmation', 'Invoice for March',
  'Customer escalation', 'Offsite planning', 'Hiring plan for next quarter', 'Status report - week 14',
  'Pricing question', 'Revised statement of work', 'Can we move our call?', 'Feedback on the prototype',
  'Shipping schedule', 'Board deck - final version', 'Travel arrangements', 'Lunch on Friday?',
  'Action items from today', 'Supplier onboarding documents', 'Team offsite photos', 'Release plan 4.2',
];
const AUTOMATED = [
  'Your password expires in 5 days', 'Daily backup report', 'Scan from MFP-2F', 'Ticket updated',
  'Timesheet reminder', 'Weekly service health summary', 'Your expense report was approved',
  'Build succeeded: main', 'Disk space warning on FS02', 'New sign-in to your account', 'Meeting reminder',
  'Your mailbox is almost full', 'Invoice available for download', 'Shipment notification', 'Calendar digest',
];
const NEWSLETTER = [
  'Weekly industry digest', 'This month at a glance', 'Webinar invitation: cloud security',
  'Product update - new features', 'Your March newsletter', 'Top stories this week', 'Event recap and slides',
  'Spring catalogue is here', 'Customer success stories', 'Last chance to register',
];
const SPAM = [
  'Exclusive offer just for you', 'Lowest mortgage rates this week', "Congratulations! You've been selected",
  'Limited time: 80% off', 'Work from home and earn', 'Your free gift card is waiting', 'Best prices on meds',
  'Crypto opportunity you cannot miss', 'Claim your prize now', 'Hot deals on electronics',
];
const PHISHING = [
  'Action required: verify your account', 'Your mailbox is full', 'Unusual sign-in activity',
  'Password expiry notice', 'Please review the shared document', 'Invoice overdue - payment required',
  'MFA enrollment reminder', 'Your package could not be delivered', 'Security alert: confirm your identity',
];

/** Subjects by category, with the reply and forward variants built once. */
const SUBJECTS: Readonly<Record<Category, readonly string[]>> = {
  business: [...BUSINESS, ...BUSINESS.map((s) => 'RE: ' + s), ...BUSINESS.slice(0, 8).map((s) => 'FW: ' + s)],
  automated: AUTOMATED,
  newsletter: NEWSLETTER,
  spam: SPAM,
  phishing: PHISHING,
};

export function subjectFor(rng: Rng, category: Category): string {
  return rng.pick(SUBJECTS[category]);
}
