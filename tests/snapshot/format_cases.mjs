// Cases for the packed snapshot format (docs/assets/javascripts/snapshot-format.js),
// run one per process by tests/test_snapshot_format.py:
//
//   node tests/snapshot/format_cases.mjs CASE [STAGED_SNAPSHOT]
//
// Exits 0 when the case passes. Otherwise the assertion's message is on stderr.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

import { packSnapshot, readSnapshot, SnapshotFormatError } from "../../docs/assets/javascripts/snapshot-format.js";

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

function header(imageSize, regions) {
  const bytes = new Uint8Array(8 + regions.length * 8);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, imageSize, true);
  view.setUint32(4, regions.length, true);
  regions.forEach(([offset, length], index) => {
    view.setUint32(8 + index * 8, offset, true);
    view.setUint32(12 + index * 8, length, true);
  });
  return bytes;
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
    assert.equal(packed.length, 8 + 2 * 8 + 2 * PAGE + 100);
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
    await rejectsWith(streamOf(packed.subarray(0, 5)), "ends 3 bytes early");
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

  async "the staged snapshot reads back"() {
    const gzipped = readFileSync(process.argv[3]);
    const stream = new Blob([gzipped]).stream().pipeThrough(new DecompressionStream("gzip"));
    const { image, packed } = await readSnapshot(stream);
    // Pyodide's heap starts at 30 MiB, and its snapshot adds a short header.
    assert.ok(image.length > 30 * 1024 * 1024, `image of ${image.length} bytes`);
    const stored = packed.slice(2).reduce((total, region) => total + region.length, 0);
    assert.ok(stored < image.length * 0.75, `${stored} of ${image.length} bytes stored`);
  },
};

const name = process.argv[2];
if (!(name in CASES)) {
  console.error(`unknown case ${JSON.stringify(name)}; cases: ${Object.keys(CASES).join(", ")}`);
  process.exit(2);
}
await CASES[name]();
