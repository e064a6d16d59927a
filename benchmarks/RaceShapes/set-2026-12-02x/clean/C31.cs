using System.Threading.Channels;

namespace Blind24.RinkOperations;

public sealed record ZamboniPass(string Rink, string Driver, TimeSpan Duration, double WaterLitres);

public sealed record ShiftTotals(int Passes, double WaterLitres, TimeSpan DrivingTime, IReadOnlyDictionary<string, int> PassesByRink);

/// <summary>
/// Collects resurfacing machine logs for a shift. Each machine's telematics link
/// writes finished passes into a channel from its own thread; a single aggregator
/// task totals them and completes <see cref="Totals"/> when the shift is closed.
/// </summary>
public sealed class ShiftLogAggregator
{
    private readonly Channel<ZamboniPass> _passes = Channel.CreateBounded<ZamboniPass>(
        new BoundedChannelOptions(100) { SingleReader = true, SingleWriter = false, FullMode = BoundedChannelFullMode.Wait });
    private readonly TaskCompletionSource<ShiftTotals> _totals = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _aggregation;

    public ShiftLogAggregator()
    {
        _aggregation = Task.Run(AggregateAsync);
    }

    public Task<ShiftTotals> Totals => _totals.Task;

    public ValueTask LogAsync(ZamboniPass pass, CancellationToken ct = default) => _passes.Writer.WriteAsync(pass, ct);

    public void CloseShift() => _passes.Writer.TryComplete();

    private async Task AggregateAsync()
    {
        int passes = 0;
        double water = 0;
        var driving = TimeSpan.Zero;
        var byRink = new Dictionary<string, int>();

        try
        {
            await foreach (var pass in _passes.Reader.ReadAllAsync().ConfigureAwait(false))
            {
                passes++;
                water += pass.WaterLitres;
                driving += pass.Duration;
                byRink[pass.Rink] = byRink.TryGetValue(pass.Rink, out var n) ? n + 1 : 1;
            }

            _totals.TrySetResult(new ShiftTotals(passes, water, driving, byRink));
        }
        catch (Exception ex)
        {
            _totals.TrySetException(ex);
        }
    }
}

/// <summary>Telematics link for one resurfacing machine.</summary>
public sealed class MachineLink
{
    private readonly ShiftLogAggregator _aggregator;
    private readonly string _driver;

    public MachineLink(ShiftLogAggregator aggregator, string driver)
    {
        _aggregator = aggregator;
        _driver = driver;
    }

    public Task ReplayAsync(IEnumerable<(string Rink, int Seconds, double Litres)> log, CancellationToken ct)
    {
        return Task.Run(async () =>
        {
            foreach (var (rink, seconds, litres) in log)
            {
                await _aggregator.LogAsync(new ZamboniPass(rink, _driver, TimeSpan.FromSeconds(seconds), litres), ct);
            }
        }, ct);
    }
}
