// The packed format of the calculator's Pyodide memory snapshot.
//
// A memory snapshot is an image of Pyodide's whole WebAssembly heap, about
// 31 MB, of which roughly half is zero bytes. The packed form stores only
// the regions that are not all zeros, so there is half as much to
// decompress and copy, and the regions can be written into place while the
// file is still downloading. Little-endian throughout:
//
//   u32  size of the image in bytes
//   u32  number of regions, N
//   u32  base: where the base range starts in the image
//   u32  base: where it starts in WebAssembly memory
//   u32  base: its length in bytes, a multiple of 4 (0 for no base)
//   u32  base: checksum of that range of memory (see memoryChecksum)
//   N x (u32 offset, u32 length)   the regions, in ascending order
//   the bytes of each region, one after another
//
// Every byte outside the regions is zero. The base range is stored as its
// difference (XOR) from the bytes a freshly instantiated Pyodide has at
// the same place in memory. Those bytes are Pyodide's static data, about
// 3.8 MB that the WebAssembly file carries anyway and that Python mostly
// leaves as it was. Where they agree
// the stored bytes are zero, so those pages drop out of the file. The
// reader cannot undo the difference alone: applyBase does, given a copy of
// that fresh memory, after checking it contains what the image was packed
// against.
//
// The site serves the packed form gzipped; sitebuild/make_snapshot.mjs
// writes it with packSnapshot and checks it with readSnapshot and applyBase,
// the functions the browser uses.

// Regions are found in whole pages of this size.
const PAGE_SIZE = 4096;

// Pyodide's snapshots are a little over 30 MiB. Reject a header that claims
// far more rather than allocate it.
const MAX_IMAGE_SIZE = 256 * 1024 * 1024;
const MAX_REGIONS = 65536;

export class SnapshotFormatError extends Error {
  constructor(message) {
    super(`Packed snapshot is invalid: ${message}`);
    this.name = "SnapshotFormatError";
  }
}

const HEADER_SIZE = 24;

function isZeroPage(image, start, end) {
  for (let index = start; index < end; index++) {
    if (image[index] !== 0) {
      return false;
    }
  }
  return true;
}

// A checksum of a range of memory whose offset and length are multiples of
// 4: 32-bit FNV-1a over its little-endian words. It detects memory the
// snapshot was not packed against, and is no defence against forgeries.
export function memoryChecksum(bytes) {
  if (bytes.byteOffset % 4 !== 0 || bytes.length % 4 !== 0) {
    throw new SnapshotFormatError(`a base of ${bytes.length} bytes at ${bytes.byteOffset} is not in whole 4-byte words`);
  }
  const words = new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4);
  let hash = 0x811c9dc5;
  for (let index = 0; index < words.length; index++) {
    hash = Math.imul(hash ^ words[index], 0x01000193);
  }
  return hash >>> 0;
}

function xorInto(target, source) {
  const targetWords = new Uint32Array(target.buffer, target.byteOffset, target.length / 4);
  const sourceWords = new Uint32Array(source.buffer, source.byteOffset, source.length / 4);
  for (let index = 0; index < targetWords.length; index++) {
    targetWords[index] ^= sourceWords[index];
  }
}

// Return the packed form of a snapshot image as one Uint8Array. With a base
// ({imageOffset, memoryOffset, memory}, where memory contains the bytes of
// WebAssembly memory from memoryOffset on), that range of the image is
// stored as its difference from those bytes.
export function packSnapshot(image, base = null) {
  let stored = image;
  let baseFields = [0, 0, 0, 0];
  if (base && base.memory.length > 0) {
    const { imageOffset, memoryOffset, memory } = base;
    if (imageOffset % 4 !== 0 || memoryOffset % 4 !== 0 || imageOffset + memory.length > image.length) {
      throw new SnapshotFormatError(`a base of ${memory.length} bytes at ${imageOffset} does not fit the image in whole words`);
    }
    stored = image.slice();
    xorInto(stored.subarray(imageOffset, imageOffset + memory.length), memory);
    baseFields = [imageOffset, memoryOffset, memory.length, memoryChecksum(memory)];
  }

  const regions = [];
  for (let start = 0; start < stored.length; start += PAGE_SIZE) {
    const end = Math.min(start + PAGE_SIZE, stored.length);
    if (isZeroPage(stored, start, end)) {
      continue;
    }
    const last = regions.at(-1);
    if (last && last.offset + last.length === start) {
      last.length += end - start;
    } else {
      regions.push({ offset: start, length: end - start });
    }
  }

  const tableEnd = HEADER_SIZE + regions.length * 8;
  const dataSize = regions.reduce((total, region) => total + region.length, 0);
  const packed = new Uint8Array(tableEnd + dataSize);
  const header = new DataView(packed.buffer);
  [stored.length, regions.length, ...baseFields].forEach((value, index) => header.setUint32(index * 4, value, true));
  let position = tableEnd;
  regions.forEach((region, index) => {
    header.setUint32(HEADER_SIZE + index * 8, region.offset, true);
    header.setUint32(HEADER_SIZE + 4 + index * 8, region.length, true);
    packed.set(stored.subarray(region.offset, region.offset + region.length), position);
    position += region.length;
  });
  return packed;
}

// A reader that returns a byte stream in pieces of exactly the requested sizes.
class StreamReader {
  constructor(stream) {
    this.reader = stream.getReader();
    this.chunk = new Uint8Array(0);
  }

  // Copy the next target.length bytes of the stream into target.
  async fill(target) {
    let filled = 0;
    while (filled < target.length) {
      if (this.chunk.length === 0) {
        const { value, done } = await this.reader.read();
        if (done) {
          throw new SnapshotFormatError(`it ends ${target.length - filled} bytes early`);
        }
        this.chunk = value;
        continue;
      }
      const part = this.chunk.subarray(0, target.length - filled);
      target.set(part, filled);
      filled += part.length;
      this.chunk = this.chunk.subarray(part.length);
    }
    return target;
  }

  async assertEnded() {
    while (this.chunk.length === 0) {
      const { value, done } = await this.reader.read();
      if (done) {
        return;
      }
      this.chunk = value;
    }
    throw new SnapshotFormatError("it has bytes after its last region");
  }
}

function readRegions(table, count, imageSize) {
  const view = new DataView(table.buffer, table.byteOffset, table.byteLength);
  const regions = [];
  let end = 0;
  for (let index = 0; index < count; index++) {
    const offset = view.getUint32(index * 8, true);
    const length = view.getUint32(index * 8 + 4, true);
    if (offset < end || offset + length > imageSize) {
      throw new SnapshotFormatError(`region ${index} (${length} bytes at ${offset}) overlaps or leaves the image`);
    }
    regions.push({ offset, length });
    end = offset + length;
  }
  return regions;
}

function readBase(header, imageSize) {
  const view = new DataView(header.buffer, header.byteOffset, header.byteLength);
  const [imageOffset, memoryOffset, length, checksum] = [8, 12, 16, 20].map((at) => view.getUint32(at, true));
  if (length === 0) {
    return null;
  }
  if (imageOffset % 4 !== 0 || memoryOffset % 4 !== 0 || length % 4 !== 0 || imageOffset + length > imageSize) {
    throw new SnapshotFormatError(`its base (${length} bytes at ${imageOffset}) is not in whole words inside the image`);
  }
  return { imageOffset, memoryOffset, length, checksum };
}

// Read a packed snapshot from a stream of its (decompressed) bytes.
//
// Calls onImage(image, base) as soon as the header is read, with the
// zero-filled image that the regions are then written into, so a caller can
// hand the image on before it is complete. Resolves to {image, packed, base} once
// every region is in place. packed lists the file's pieces (header, table
// and each region as a view of the image) for writing the file back out.
// base is null, or the range still to be put right with applyBase.
export async function readSnapshot(stream, onImage = () => {}) {
  const input = new StreamReader(stream);
  const header = await input.fill(new Uint8Array(HEADER_SIZE));
  const headerView = new DataView(header.buffer);
  const imageSize = headerView.getUint32(0, true);
  const count = headerView.getUint32(4, true);
  if (imageSize > MAX_IMAGE_SIZE || count > MAX_REGIONS) {
    throw new SnapshotFormatError(`its header claims ${imageSize} bytes in ${count} regions`);
  }
  const base = readBase(header, imageSize);

  const table = await input.fill(new Uint8Array(count * 8));
  const regions = readRegions(table, count, imageSize);
  const image = new Uint8Array(imageSize);
  onImage(image, base);

  const packed = [header, table];
  for (const { offset, length } of regions) {
    packed.push(await input.fill(image.subarray(offset, offset + length)));
  }
  await input.assertEnded();
  return { image, packed, base };
}

// Put right the base range of an image that readSnapshot has read. memory
// contains the bytes of the base's range of WebAssembly memory, copied from a
// freshly instantiated Pyodide of the same build before its JavaScript has
// written to it. Throws a SnapshotFormatError, leaving the image as it was,
// when those bytes differ from the ones the image was packed against.
// Returns the file's pieces as readSnapshot's packed, which still write the
// file back out: the regions in the base range are copied before the image
// changes.
export function applyBase({ image, packed, base }, memory) {
  if (base === null) {
    return packed;
  }
  const { imageOffset, length, checksum } = base;
  if (memory?.length !== length) {
    throw new SnapshotFormatError(`its base needs ${length} bytes of fresh memory, not ${memory?.length}`);
  }
  const found = memoryChecksum(memory);
  if (found !== checksum) {
    throw new SnapshotFormatError(`it was packed against other memory (checksum ${found}, expected ${checksum})`);
  }
  const end = imageOffset + length;
  const pieces = packed.map((piece) => {
    const inImage = piece.buffer === image.buffer;
    const overlaps = inImage && piece.byteOffset < end && piece.byteOffset + piece.length > imageOffset;
    return overlaps ? piece.slice() : piece;
  });
  xorInto(image.subarray(imageOffset, end), memory);
  return pieces;
}
