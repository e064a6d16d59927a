using System.Threading.Channels;
using Microsoft.Extensions.Hosting;

namespace Blind22.Recycling.Sorting;

public enum MaterialKind { Pet, Hdpe, Aluminium, Steel, Cardboard, Glass, Residue }

public sealed record BeltItem(int BeltNumber, MaterialKind Material, double WeightGrams);

/// <summary>
/// Receives classified items from the optical sorters and keeps per-material tonnage
/// for the shift report. Four workers drain the channel so a slow report write does not
/// back up the belts.
/// </summary>
public sealed class SortingTallyWorker : BackgroundService
{
    private const int WorkerCount = 4;

    private readonly Channel<BeltItem> _items = Channel.CreateBounded<BeltItem>(
        new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.Wait });

    private readonly Dictionary<MaterialKind, double> _gramsByMaterial = new();
    private long _itemsProcessed;

    public ChannelWriter<BeltItem> Intake => _items.Writer;

    public long ItemsProcessed => Interlocked.Read(ref _itemsProcessed);

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var workers = new Task[WorkerCount];
        for (var i = 0; i < WorkerCount; i++)
        {
            workers[i] = Task.Run(() => DrainAsync(stoppingToken), stoppingToken);
        }
        return Task.WhenAll(workers);
    }

    private async Task DrainAsync(CancellationToken ct)
    {
        await foreach (var item in _items.Reader.ReadAllAsync(ct).ConfigureAwait(false))
        {
            if (item.Material == MaterialKind.Residue)
            {
                continue;
            }

            _gramsByMaterial.TryGetValue(item.Material, out var grams);
            _gramsByMaterial[item.Material] = grams + item.WeightGrams;
            Interlocked.Increment(ref _itemsProcessed);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _items.Writer.TryComplete();
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
    }
}
