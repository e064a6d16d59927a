using System.Threading.Channels;

namespace Blind29.Herbarium.Digitisation;

public sealed record SheetScan(string Barcode, string Family, string Genus, byte[] Image);

public interface IImageStore
{
    Task StoreAsync(string barcode, byte[] image, CancellationToken ct);
}

/// <summary>
/// Receives scanned herbarium sheets from the imaging stations and stores them,
/// keeping a running count per plant family for the curator's dashboard.
/// </summary>
public sealed class SheetIngestPipeline
{
    private readonly Channel<SheetScan> _channel = Channel.CreateBounded<SheetScan>(
        new BoundedChannelOptions(200) { FullMode = BoundedChannelFullMode.Wait });
    private readonly Dictionary<string, int> _countsByFamily = new(StringComparer.OrdinalIgnoreCase);
    private readonly IImageStore _store;
    private readonly List<Task> _workers = new();

    public SheetIngestPipeline(IImageStore store) => _store = store;

    public void Start(int workerCount, CancellationToken ct)
    {
        for (var i = 0; i < workerCount; i++)
        {
            _workers.Add(Task.Run(() => ConsumeAsync(ct), ct));
        }
    }

    public ValueTask SubmitAsync(SheetScan scan, CancellationToken ct) => _channel.Writer.WriteAsync(scan, ct);

    public async Task<IReadOnlyDictionary<string, int>> CompleteAsync()
    {
        _channel.Writer.Complete();
        await Task.WhenAll(_workers).ConfigureAwait(false);
        return new Dictionary<string, int>(_countsByFamily);
    }

    private async Task ConsumeAsync(CancellationToken ct)
    {
        await foreach (var scan in _channel.Reader.ReadAllAsync(ct).ConfigureAwait(false))
        {
            await _store.StoreAsync(scan.Barcode, scan.Image, ct).ConfigureAwait(false);
            _countsByFamily.TryGetValue(scan.Family, out var n);
            _countsByFamily[scan.Family] = n + 1;
        }
    }
}
