/**
 * The SAM_V serial protocol of second-generation ID-card readers (GA 467), as gathered in
 * shared/specs/idcard-sam-protocol.md. Frames: preamble, big-endian LEN counting every byte after
 * itself, and an XOR check over LEN..DATA.
 */
export const PREAMBLE = Buffer.from([0xaa, 0xaa, 0xaa, 0x96, 0x69]);
/** The largest reply the protocol has (text + photo + fingerprint is 0x090A); anything far beyond is garbage. */
export const MAX_LEN = 0x1000;

export const COMMANDS = {
  resetSam: [0x10, 0xff],
  samStatus: [0x11, 0xff],
  samId: [0x12, 0xff],
  findCard: [0x20, 0x01],
  selectCard: [0x20, 0x02],
  readTextPhoto: [0x30, 0x01],
  readAdditionalAddress: [0x30, 0x03],
  readTextPhotoFingerprint: [0x30, 0x10],
} as const satisfies Record<string, readonly [number, number]>;
export type CommandName = keyof typeof COMMANDS;

export const BAUD_COMMANDS: Record<number, number> = { 115200: 0x00, 57600: 0x01, 38400: 0x02, 19200: 0x03, 9600: 0x04 };

export function xor(bytes: Uint8Array, start: number, end: number): number {
  let check = 0;
  for (let i = start; i < end; i++) check ^= bytes[i]!;
  return check;
}

/** A frame of any direction: the body is CMD PARA DATA for a request, SW1 SW2 SW3 DATA for a reply. */
export function encodeFrame(body: Uint8Array): Buffer {
  const len = body.length + 1;
  const frame = Buffer.alloc(PREAMBLE.length + 2 + len);
  PREAMBLE.copy(frame, 0);
  frame.writeUInt16BE(len, 5);
  frame.set(body, 7);
  frame[frame.length - 1] = xor(frame, 5, frame.length - 1);
  return frame;
}

export function encodeRequest(command: CommandName, data: Uint8Array = new Uint8Array()): Buffer {
  return encodeFrame(Buffer.concat([Buffer.from(COMMANDS[command]), data]));
}

export function encodeReply(sw3: number, data: Uint8Array = new Uint8Array()): Buffer {
  return encodeFrame(Buffer.concat([Buffer.from([0x00, 0x00, sw3]), data]));
}

export const SW3 = {
  OK: 0x90,
  FIND_OK: 0x9f,
  NO_CONTENT: 0x91,
  FIND_FAILED: 0x80,
  SELECT_FAILED: 0x81,
  READ_FAILED: 0x41,
} as const;

interface StatusInfo {
  name: string;
  zh: string;
  en: string;
}

/** Every SW3 status the module reports, with what a clerk should do about it. */
export const SW3_STATUS: Record<number, StatusInfo> = {
  0x90: { name: 'ok', zh: '操作成功', en: 'success' },
  0x9f: { name: 'find-ok', zh: '寻找证卡成功', en: 'card found' },
  0x91: { name: 'no-content', zh: '证卡中无此项内容', en: 'the card has no such content' },
  0x10: { name: 'checksum', zh: '读卡器收到的数据校验和错误，请重试', en: 'the reader received a bad checksum: try again' },
  0x11: { name: 'length', zh: '读卡器收到的数据长度错误，请重试', en: 'the reader received a bad length: try again' },
  0x21: { name: 'bad-command', zh: '读卡器不支持该命令或参数', en: 'the reader does not support this command or parameter' },
  0x23: { name: 'not-permitted', zh: '越权操作', en: 'operation not permitted' },
  0x24: { name: 'unrecognised', zh: '读卡器发生无法识别的错误，请重试', en: 'unrecognised reader error: try again' },
  0x31: {
    name: 'card-auth-sam',
    zh: '证卡认证安全模块失败，请重新放卡',
    en: 'the card failed to authenticate the SAM: place the card again',
  },
  0x32: {
    name: 'sam-auth-card',
    zh: '安全模块认证证卡失败，证件可能无效，请人工核验',
    en: 'the SAM failed to authenticate the card: the card may not be genuine, check it by hand',
  },
  0x33: { name: 'verify', zh: '信息验证错误，请重新放卡', en: 'verification error: place the card again' },
  0x40: {
    name: 'card-type',
    zh: '无法识别的卡类型，请放置身份证或居住证',
    en: 'unrecognised card type: place an ID card or residence permit',
  },
  0x41: {
    name: 'read-failed',
    zh: '读卡失败，请将证件平放在读卡区不要移动',
    en: 'reading failed: lay the card flat on the reader and keep it still',
  },
  0x47: { name: 'random', zh: '取随机数失败，请重试', en: 'getting a random number failed: try again' },
  0x60: {
    name: 'sam-self-test',
    zh: '安全模块自检失败，请联系管理员更换读卡器',
    en: 'the SAM failed its self-test: call the administrator to replace the reader',
  },
  0x66: { name: 'sam-unauthorised', zh: '安全模块未经授权，请联系管理员', en: 'the SAM is not authorised: call the administrator' },
  0x80: { name: 'find-failed', zh: '未找到证卡', en: 'no card found' },
  0x81: { name: 'select-failed', zh: '选取证卡失败，请重新放卡', en: 'selecting the card failed: place the card again' },
};

export function statusInfo(sw3: number): StatusInfo {
  return (
    SW3_STATUS[sw3] ?? {
      name: 'unknown',
      zh: `读卡器返回未知状态 0x${sw3.toString(16).padStart(2, '0')}`,
      en: `the reader returned the unknown status 0x${sw3.toString(16).padStart(2, '0')}`,
    }
  );
}

/** The SAM ID, 16 bytes of little-endian numbers, printed as 05.01-20101215-0012345678-1234567890. */
export function formatSamId(data: Uint8Array): string {
  const view = Buffer.from(data);
  if (view.length < 16) throw new Error(`a SAM ID has 16 bytes, got ${view.length}`);
  const pad = (value: number, width: number) => String(value).padStart(width, '0');
  return `${pad(view.readUInt16LE(0), 2)}.${pad(view.readUInt16LE(2), 2)}-${pad(view.readUInt32LE(4), 8)}-${pad(view.readUInt32LE(8), 10)}-${pad(view.readUInt32LE(12), 10)}`;
}
