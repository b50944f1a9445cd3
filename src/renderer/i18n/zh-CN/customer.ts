/** The customer screen's strings. zh-CN is the source: a key is added here first, then to ../en/customer.ts. */
export const customer = {
  title: '办事确认',
};
