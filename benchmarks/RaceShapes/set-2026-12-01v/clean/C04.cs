using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;

namespace Blind22.Aquaponics.Dosing;

public sealed record TankChemistry(double Ph, double AmmoniaPpm, double NitratePpm);

public sealed record DosingStatus(DateTimeOffset LastCheck, TankChemistry Chemistry, int DosesToday, double BufferMlToday);

public interface ITankProbe
{
    Task<TankChemistry> ReadAsync(CancellationToken ct);
}

public interface IDosingPump
{
    Task DispenseAsync(double millilitres, CancellationToken ct);
}

/// <summary>
/// Checks the fish tank chemistry every five minutes and doses pH buffer when needed.
/// Manual doses requested from the greenhouse panel are queued and applied on the
/// next tick.
/// </summary>
public sealed class PhDosingService : BackgroundService
{
    private readonly ITankProbe _probe;
    private readonly IDosingPump _pump;
    private readonly ConcurrentQueue<double> _manualDoses = new();
    private DosingStatus? _status;

    public PhDosingService(ITankProbe probe, IDosingPump pump)
    {
        _probe = probe;
        _pump = pump;
    }

    public DosingStatus? Status => Volatile.Read(ref _status);

    public void RequestManualDose(double millilitres) => _manualDoses.Enqueue(millilitres);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var dosesToday = 0;
        var mlToday = 0.0;
        var day = DateOnly.FromDateTime(DateTime.Now);

        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(5));
        do
        {
            var today = DateOnly.FromDateTime(DateTime.Now);
            if (today != day)
            {
                day = today;
                dosesToday = 0;
                mlToday = 0;
            }

            var chemistry = await _probe.ReadAsync(stoppingToken).ConfigureAwait(false);

            var dose = chemistry.Ph < 6.8 ? Math.Round((6.8 - chemistry.Ph) * 40, 1) : 0;
            while (_manualDoses.TryDequeue(out var manual))
            {
                dose += manual;
            }

            if (dose > 0)
            {
                await _pump.DispenseAsync(dose, stoppingToken).ConfigureAwait(false);
                dosesToday++;
                mlToday += dose;
            }

            Volatile.Write(ref _status, new DosingStatus(DateTimeOffset.Now, chemistry, dosesToday, mlToday));
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
