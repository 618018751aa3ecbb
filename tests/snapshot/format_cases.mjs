// Cases for the packed snapshot format (docs/assets/javascripts/snapshot-format.js),
// run one per process by tests/test_snapshot_format.py:
//
//   node tests/snapshot/format_cases.mjs CASE [STAGED_SNAPSHOT]
//
// Exits 0 when the case passes. Otherwise the assertion's message is on stderr.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

import {
  applyBase,
  memoryChecksum,
  packSnapshot,
  readSnapshot,
  SnapshotFormatError,
} from "../../docs/assets/javascripts/snapshot-format.js";

const PAGE = 4096;

// A stream that delivers bytes in pieces of the given size.
function streamOf(bytes, pieceSize = bytes.length || 1) {
  let position = 0;
  return new ReadableStream({
    pull(controller) {
      if (position >= bytes.length) {
        controller.close();
        return;
      }
      controller.enqueue(bytes.slice(position, position + pieceSize));
      position += pieceSize;
    },
  });
}

// An image with a zero first page, data in the second and third, a zero
// fourth and a short, non-zero last page.
function sampleImage() {
  const image = new Uint8Array(4 * PAGE + 100);
  image[PAGE] = 1;
  image[3 * PAGE - 1] = 2;
  image.fill(3, 4 * PAGE);
  return image;
}

const HEADER_SIZE = 24;

// A packed file's header and region table. base is [image offset, memory
// offset, length, checksum].
function header(imageSize, regions, base = [0, 0, 0, 0]) {
  const bytes = new Uint8Array(HEADER_SIZE + regions.length * 8);
  const view = new DataView(bytes.buffer);
  [imageSize, regions.length, ...base].forEach((value, index) => view.setUint32(index * 4, value, true));
  regions.forEach(([offset, length], index) => {
    view.setUint32(HEADER_SIZE + index * 8, offset, true);
    view.setUint32(HEADER_SIZE + 4 + index * 8, length, true);
  });
  return bytes;
}

// Two pages of fresh memory with no zero byte, and an image that contains
// them from its second page on with one byte of the first changed, as a
// snapshot's heap would. The base starts at memory offset 16.
function baseSample() {
  const memory = new Uint8Array(2 * PAGE);
  memory.forEach((_, index) => {
    memory[index] = (index * 7) % 251 || 1;
  });
  const image = new Uint8Array(4 * PAGE);
  image.set(memory, PAGE);
  image[PAGE + 5] = 0;
  return { image, base: { imageOffset: PAGE, memoryOffset: 16, memory } };
}

async function rejectsWith(stream, fragment) {
  await assert.rejects(readSnapshot(stream), (error) => {
    assert.ok(error instanceof SnapshotFormatError, `expected SnapshotFormatError, got ${error}`);
    assert.match(error.message, new RegExp(fragment));
    return true;
  });
}

const CASES = {
  async "round trip in any piece size"() {
    const image = sampleImage();
    const packed = packSnapshot(image);
    // Two regions: pages 2 and 3 merged, and the short last page.
    assert.equal(packed.length, HEADER_SIZE + 2 * 8 + 2 * PAGE + 100);
    for (const pieceSize of [1, 7, PAGE, packed.length]) {
      let early = null;
      const { image: read } = await readSnapshot(streamOf(packed, pieceSize), (filling) => {
        early = filling;
      });
      assert.equal(early, read, "onImage gets the image that is then filled in");
      assert.deepEqual(read, image);
    }
  },

  async "packed pieces write the file back"() {
    const packed = packSnapshot(sampleImage());
    const { packed: pieces } = await readSnapshot(streamOf(packed, 1000));
    const rewritten = new Uint8Array(await new Blob(pieces).arrayBuffer());
    assert.deepEqual(rewritten, packed);
  },

  async "an all-zero image packs to its header"() {
    const packed = packSnapshot(new Uint8Array(3 * PAGE));
    assert.deepEqual(packed, header(3 * PAGE, []));
    const { image } = await readSnapshot(streamOf(packed));
    assert.deepEqual(image, new Uint8Array(3 * PAGE));
  },

  async "a file cut short is rejected"() {
    const packed = packSnapshot(sampleImage());
    await rejectsWith(streamOf(packed.subarray(0, packed.length - 1)), "ends 1 bytes early");
    await rejectsWith(streamOf(packed.subarray(0, 5)), "ends 19 bytes early");
  },

  async "bytes after the last region are rejected"() {
    const packed = packSnapshot(sampleImage());
    const longer = new Uint8Array(packed.length + 1);
    longer.set(packed);
    await rejectsWith(streamOf(longer, 50), "bytes after its last region");
  },

  async "a region outside the image is rejected"() {
    await rejectsWith(streamOf(header(PAGE, [[PAGE - 10, 20]])), "region 0 .* leaves the image");
  },

  async "overlapping regions are rejected"() {
    await rejectsWith(streamOf(header(2 * PAGE, [[0, 100], [50, 100]])), "region 1 .* overlaps");
  },

  async "an absurd header is rejected before allocating"() {
    await rejectsWith(streamOf(header(0xffffffff, [])), "claims 4294967295 bytes");
  },

  async "a base range is stored as its difference and put right"() {
    const { image, base } = baseSample();
    const packed = packSnapshot(image, base);
    const checksum = memoryChecksum(base.memory);
    // Only the page with the changed byte differs from the fresh memory.
    assert.deepEqual(packed.subarray(0, HEADER_SIZE + 8), header(4 * PAGE, [[PAGE, PAGE]], [PAGE, 16, 2 * PAGE, checksum]));
    assert.equal(packed.length, HEADER_SIZE + 8 + PAGE);

    const read = await readSnapshot(streamOf(packed, 1000));
    assert.deepEqual(read.base, { imageOffset: PAGE, memoryOffset: 16, length: 2 * PAGE, checksum });
    const pieces = applyBase(read, base.memory);
    assert.deepEqual(read.image, image);
    const rewritten = new Uint8Array(await new Blob(pieces).arrayBuffer());
    assert.deepEqual(rewritten, packed, "the pieces still write the file back as it was");
  },

  async "a base against other memory is rejected"() {
    const { image, base } = baseSample();
    const read = await readSnapshot(streamOf(packSnapshot(image, base)));
    const before = read.image.slice();
    const other = base.memory.slice();
    other[100] ^= 1;
    assert.throws(() => applyBase(read, other), /packed against other memory/);
    assert.throws(() => applyBase(read, base.memory.subarray(4)), /needs 8192 bytes of fresh memory, not 8188/);
    assert.throws(() => applyBase(read, null), /needs 8192 bytes of fresh memory, not undefined/);
    assert.deepEqual(read.image, before, "a rejected base leaves the image as it was");
  },

  async "a base outside the image or out of word alignment is rejected"() {
    await rejectsWith(streamOf(header(PAGE, [], [PAGE - 4, 0, 8, 0])), "base \\(8 bytes at 4092\\)");
    await rejectsWith(streamOf(header(PAGE, [], [2, 0, 8, 0])), "base \\(8 bytes at 2\\) is not in whole words");
  },

  async "the staged snapshot reads back"() {
    const gzipped = readFileSync(process.argv[3]);
    const stream = new Blob([gzipped]).stream().pipeThrough(new DecompressionStream("gzip"));
    const { image, packed, base } = await readSnapshot(stream);
    // Pyodide's heap starts at 30 MiB, and its snapshot adds a short header.
    assert.ok(image.length > 30 * 1024 * 1024, `image of ${image.length} bytes`);
    const stored = packed.slice(2).reduce((total, region) => total + region.length, 0);
    assert.ok(stored < image.length * 0.5, `${stored} of ${image.length} bytes stored`);
    // Pyodide's static data, a few MB, is stored as a difference.
    assert.ok(base.length > 2 * 1024 * 1024, `a base of ${base.length} bytes`);
  },
};

const name = process.argv[2];
if (!(name in CASES)) {
  console.error(`unknown case ${JSON.stringify(name)}; cases: ${Object.keys(CASES).join(", ")}`);
  process.exit(2);
}
await CASES[name]();
