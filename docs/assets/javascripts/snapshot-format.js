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
//   N x (u32 offset, u32 length)   the regions, in ascending order
//   the bytes of each region, one after another
//
// Every byte outside the regions is zero. The site serves the packed form
// gzipped; sitebuild/make_snapshot.mjs writes it with packSnapshot and
// checks it with readSnapshot, the same function the browser uses.

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

function isZeroPage(image, start, end) {
  for (let index = start; index < end; index++) {
    if (image[index] !== 0) {
      return false;
    }
  }
  return true;
}

// Return the packed form of a snapshot image as one Uint8Array.
export function packSnapshot(image) {
  const regions = [];
  for (let start = 0; start < image.length; start += PAGE_SIZE) {
    const end = Math.min(start + PAGE_SIZE, image.length);
    if (isZeroPage(image, start, end)) {
      continue;
    }
    const last = regions.at(-1);
    if (last && last.offset + last.length === start) {
      last.length += end - start;
    } else {
      regions.push({ offset: start, length: end - start });
    }
  }

  const headerSize = 8 + regions.length * 8;
  const dataSize = regions.reduce((total, region) => total + region.length, 0);
  const packed = new Uint8Array(headerSize + dataSize);
  const header = new DataView(packed.buffer);
  header.setUint32(0, image.length, true);
  header.setUint32(4, regions.length, true);
  let position = headerSize;
  regions.forEach((region, index) => {
    header.setUint32(8 + index * 8, region.offset, true);
    header.setUint32(12 + index * 8, region.length, true);
    packed.set(image.subarray(region.offset, region.offset + region.length), position);
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

// Read a packed snapshot from a stream of its (decompressed) bytes.
//
// Calls onImage(image) as soon as the header is read, with the zero-filled
// image that the regions are then written into, so a caller can hand the
// image on before it is complete. Resolves to {image, packed} once every
// region is in place, where packed lists the file's pieces (header, table
// and each region as a view of the image) for writing the file back out.
export async function readSnapshot(stream, onImage = () => {}) {
  const input = new StreamReader(stream);
  const header = await input.fill(new Uint8Array(8));
  const headerView = new DataView(header.buffer);
  const imageSize = headerView.getUint32(0, true);
  const count = headerView.getUint32(4, true);
  if (imageSize > MAX_IMAGE_SIZE || count > MAX_REGIONS) {
    throw new SnapshotFormatError(`its header claims ${imageSize} bytes in ${count} regions`);
  }

  const table = await input.fill(new Uint8Array(count * 8));
  const regions = readRegions(table, count, imageSize);
  const image = new Uint8Array(imageSize);
  onImage(image);

  const packed = [header, table];
  for (const { offset, length } of regions) {
    packed.push(await input.fill(image.subarray(offset, offset + length)));
  }
  await input.assertEnded();
  return { image, packed };
}
