// Bundles as a zip for API downloads.
import JSZip from 'jszip';

export async function zipBundle(files: Map<string, string>): Promise<Buffer> {
  const zip = new JSZip();
  for (const [path, content] of files) {
    // Shell scripts keep their executable bit when unzipped.
    zip.file(path, content, path.endsWith('.sh') ? { unixPermissions: 0o755 } : {});
  }
  return zip.generateAsync({ type: 'nodebuffer', platform: 'UNIX', compression: 'DEFLATE' });
}
