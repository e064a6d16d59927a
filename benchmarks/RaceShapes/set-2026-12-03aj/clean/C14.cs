using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Blind36.CanalBoats.Returns;

public sealed record BoatReturn(string Boat, string Customer, DateTime DueBack, DateTime? ReturnedAt, double FuelLitres);

/// <summary>
/// Watches for hire boats that are late back to the yard. Registered as a singleton
/// and hosted service; the yard check-in endpoint calls <see cref="CheckOut"/> and
/// <see cref="CheckIn"/> concurrently with the background sweep.
/// </summary>
public sealed class LateReturnWatcher : BackgroundService
{
    private readonly ConcurrentDictionary<string, BoatReturn> _out = new(StringComparer.OrdinalIgnoreCase);
    private readonly ILogger<LateReturnWatcher> _logger;
    private long _lateAlerts;
    private long _checkIns;

    public LateReturnWatcher(ILogger<LateReturnWatcher> logger) => _logger = logger;

    public long LateAlerts => Interlocked.Read(ref _lateAlerts);
    public long CheckIns => Interlocked.Read(ref _checkIns);

    public event Action<BoatReturn>? BoatLate;

    public void CheckOut(string boat, string customer, DateTime dueBack) =>
        _out[boat] = new BoatReturn(boat, customer, dueBack, null, 0);

    public bool CheckIn(string boat, double fuelLitres)
    {
        if (!_out.TryRemove(boat, out var record))
            return false;

        Interlocked.Increment(ref _checkIns);
        _logger.LogInformation("{Boat} back from {Customer} with {Fuel:F0} L", boat, record.Customer, fuelLitres);
        return true;
    }

    public IReadOnlyList<BoatReturn> CurrentlyOut() => _out.Values.OrderBy(r => r.DueBack).ToList();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(5));
        var alerted = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            var now = DateTime.Now;
            foreach (var (boat, record) in _out)
            {
                if (record.DueBack < now && alerted.Add(boat))
                {
                    Interlocked.Increment(ref _lateAlerts);
                    BoatLate?.Invoke(record);
                }
            }

            // Forget alerts for boats that have since come back.
            alerted.RemoveWhere(b => !_out.ContainsKey(b));
        }
    }
}
