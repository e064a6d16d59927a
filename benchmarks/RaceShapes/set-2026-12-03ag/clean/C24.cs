using System.Threading.Channels;

namespace Herbarium.Digitisation;

/// <summary>A batch of scanned sheets travelling through the digitisation line.</summary>
public sealed class ScanBatch
{
    public ScanBatch(int number) => Number = number;

    public int Number { get; }
    public List<string> ImagePaths { get; } = new();
    public List<string> OcrLabels { get; } = new();
    public int Rejected { get; set; }
}

/// <summary>
/// Digitisation pipeline: the scanner stage fills a batch and hands it to the
/// OCR stage through a channel, after which the scanner never touches it again.
/// The OCR stage returns finished batches as the result of its task.
/// </summary>
public sealed class DigitisationLine
{
    private readonly Func<string, string?> _ocr;

    public DigitisationLine(Func<string, string?> ocr) => _ocr = ocr;

    public async Task<IReadOnlyList<ScanBatch>> RunAsync(IEnumerable<IReadOnlyList<string>> scannerOutput, CancellationToken ct)
    {
        var handoff = Channel.CreateBounded<ScanBatch>(new BoundedChannelOptions(4)
        {
            SingleReader = true,
            SingleWriter = true,
        });

        var scanner = Task.Run(async () =>
        {
            int number = 0;
            try
            {
                foreach (var paths in scannerOutput)
                {
                    var batch = new ScanBatch(++number);
                    batch.ImagePaths.AddRange(paths);
                    await handoff.Writer.WriteAsync(batch, ct).ConfigureAwait(false);
                }
            }
            finally
            {
                handoff.Writer.TryComplete();
            }
        }, ct);

        var ocr = Task.Run(async () =>
        {
            var finished = new List<ScanBatch>();
            await foreach (var batch in handoff.Reader.ReadAllAsync(ct).ConfigureAwait(false))
            {
                foreach (var path in batch.ImagePaths)
                {
                    var label = _ocr(path);
                    if (label is null)
                    {
                        batch.Rejected++;
                    }
                    else
                    {
                        batch.OcrLabels.Add(label);
                    }
                }
                finished.Add(batch);
            }
            return finished;
        }, ct);

        await scanner.ConfigureAwait(false);
        var results = await ocr.ConfigureAwait(false);

        int rejected = results.Sum(b => b.Rejected);
        if (rejected > results.Sum(b => b.ImagePaths.Count) / 2)
        {
            throw new InvalidOperationException($"OCR rejected {rejected} sheets; check the label camera focus.");
        }

        return results;
    }
}
