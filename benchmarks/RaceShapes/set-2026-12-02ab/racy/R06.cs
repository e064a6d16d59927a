using System.Threading.Channels;

namespace Blind28.SailLoft.Cutting;

public sealed record SailOrder(string OrderId, string Boat, string SailType, double AreaSquareMetres);

/// <summary>Running figures for one cutting shift, shared by the cutters and the shift report.</summary>
public sealed class ShiftStats
{
    public int PanelsCut;
    public double ClothUsedSquareMetres;
    public int Rejected;
}

/// <summary>
/// Runs the plotter-cutters for a shift. Orders are queued by the loft office and each
/// cutter takes the next order off the channel.
/// </summary>
public sealed class CuttingShift
{
    private const double WasteAllowance = 1.18;
    private readonly Channel<SailOrder> _orders = Channel.CreateBounded<SailOrder>(50);
    private readonly ShiftStats _stats = new();

    public ChannelWriter<SailOrder> Orders => _orders.Writer;

    public async Task<ShiftStats> RunAsync(int cutterCount, CancellationToken ct)
    {
        var cutters = new List<Task>();
        for (var i = 0; i < cutterCount; i++)
        {
            cutters.Add(CutterLoop(i + 1));
        }

        await Task.WhenAll(cutters);
        return _stats;

        async Task CutterLoop(int cutterNumber)
        {
            await Task.Yield();
            await foreach (var order in _orders.Reader.ReadAllAsync(ct))
            {
                if (order.AreaSquareMetres <= 0 || order.AreaSquareMetres > 400)
                {
                    Interlocked.Increment(ref _stats.Rejected);
                    continue;
                }

                var panels = PanelCount(order);
                await PlotAsync(cutterNumber, order, panels, ct);

                Interlocked.Add(ref _stats.PanelsCut, panels);
                _stats.ClothUsedSquareMetres += order.AreaSquareMetres * WasteAllowance;
            }
        }
    }

    private static int PanelCount(SailOrder order) => order.SailType switch
    {
        "genoa" => (int)Math.Ceiling(order.AreaSquareMetres / 3.5),
        "spinnaker" => (int)Math.Ceiling(order.AreaSquareMetres / 2.0),
        _ => (int)Math.Ceiling(order.AreaSquareMetres / 4.0),
    };

    private static async Task PlotAsync(int cutter, SailOrder order, int panels, CancellationToken ct)
    {
        // The plotter driver is a serial device; the wait here stands in for its ack.
        for (var p = 0; p < panels; p++)
        {
            await Task.Delay(5, ct);
        }
    }
}
