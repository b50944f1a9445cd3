import type { Catalogue } from '../catalogue.js';
import type { customer as source } from '../zh-CN/customer.js';

export const customer: Catalogue<typeof source> = {
  title: 'At your service',
  part: 'Service',
  welcome: {
    greeting: 'Welcome',
    clerk: 'You are served by {{name}}',
    clerkId: 'Staff no. {{id}}',
    stepsTitle: 'At this window',
    steps: {
      card: 'Hand your ID card to the clerk',
      check: 'Check the details on this screen and sign',
      rate: 'Rate our service when you are done',
    },
  },
  review: {
    title: 'Please check these details',
    hint: 'If anything is wrong, tell the clerk',
    item: 'Service',
    applicant: 'Applicant',
    details: 'Details',
    materials: 'Documents received',
    material: '{{form}}, {{count}}',
    signTitle: 'If all is correct, please sign below',
    confirmed: 'Confirmed, thank you',
    confirmedHint: 'The clerk is taking in your application',
  },
  signature: {
    label: 'Signature box: sign here with your finger',
    hint: 'Write your name in the box with your finger',
    clear: 'Clear',
    confirm: 'Confirm and sign',
  },
  accepted: {
    title: 'Application accepted',
    receipt: 'Receipt number',
    hint: 'Keep your receipt. With its number you can follow your application at a self-service kiosk, and collect the result with the receipt.',
  },
  rating: {
    finished: '{{ticket}} is done',
    title: 'How was our service?',
    optional: 'Rating is optional',
    levels: {
      veryGood: 'Very satisfied',
      good: 'Satisfied',
      fair: 'Fairly satisfied',
      bad: 'Dissatisfied',
      veryBad: 'Very dissatisfied',
    },
    why: 'What went wrong? Optional',
    whyLabel: 'Why you were dissatisfied (optional)',
    reasons: {
      wait: 'Long wait',
      process: 'Too many steps',
      materials: 'Unclear document requirements',
      attitude: 'Unfriendly staff',
      notDone: 'Not done in one visit',
      other: 'Something else',
    },
    contactAdd: 'Leave a phone number so we can call you back (optional)',
    contactGiven: 'Call-back number: {{number}} (tap to change)',
    contactLabel: 'Call-back number',
    contactHint: 'A mobile number or a landline with its area code, only for this call back; deleted once it is closed',
    contactInvalid:
      'That number does not look right: a mobile has 11 digits, a landline needs its area code; to leave none, clear it and press OK',
    send: 'Send',
    skip: 'Skip',
  },
  thanks: {
    plain: 'Thank you for your rating',
    followUp: 'Thank you. We will look into it and get back to you soon',
  },
  paused: {
    title: 'This window is paused',
  },
};
