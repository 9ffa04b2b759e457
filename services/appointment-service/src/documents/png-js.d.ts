// The part of png-js (pdfkit's PNG reader, MIT) that pdf-logo.ts uses; the package ships no types.
declare module 'png-js' {
  export default class PNG {
    constructor(data: Uint8Array);
    width: number;
    height: number;
    bits: number;
    colorType: number;
    interlaceMethod: number;
    hasAlphaChannel: boolean;
    transparency: { indexed?: number[]; grayscale?: number; rgb?: number[] };
    /** The pixels as RGBA, 8 bits each. */
    decode(done: (rgba: Uint8Array) => void): void;
  }
}
