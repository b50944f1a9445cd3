/** One material's pages as one PDF, each JPEG on a page of its own proportions (A4 width, 595 pt). */
export async function pagesToPdf(pages: Uint8Array[], title: string): Promise<Uint8Array> {
  // Loaded when a material is saved, not with the counter page: it is most of a megabyte.
  const { PDFDocument } = await import('pdf-lib');
  const pdf = await PDFDocument.create();
  pdf.setTitle(title);
  pdf.setProducer('OneWindow 一窗通');
  for (const bytes of pages) {
    const image = await pdf.embedJpg(bytes);
    const width = 595.28;
    const height = (image.height / image.width) * width;
    pdf.addPage([width, height]).drawImage(image, { x: 0, y: 0, width, height });
  }
  return pdf.save();
}
