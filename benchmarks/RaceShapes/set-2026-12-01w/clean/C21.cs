using System.Threading.Channels;
using Microsoft.Extensions.Hosting;

namespace Brewhouse.Fermentation.Control;

public abstract record TankCommand;
public sealed record GravityReading(string TankId, double SpecificGravity, double Celsius) : TankCommand;
public sealed record QueryTank(string TankId, TaskCompletionSource<TankStatus?> Reply) : TankCommand;

public sealed record TankStatus(string TankId, double OriginalGravity, double CurrentGravity, double Celsius, double AbvEstimate);

/// <summary>
/// Tracks fermentation progress per tank. Hydrometer uploads and dashboard queries are
/// sent as commands to one background loop that owns the tank state.
/// Registered as a singleton and a hosted service.
/// </summary>
public sealed class FermentationTracker : BackgroundService
{
    private readonly Channel<TankCommand> _commands = Channel.CreateUnbounded<TankCommand>(
        new UnboundedChannelOptions { SingleReader = true });

    public bool Submit(string tankId, double gravity, double celsius)
        => _commands.Writer.TryWrite(new GravityReading(tankId, gravity, celsius));

    public async Task<TankStatus?> GetStatusAsync(string tankId, CancellationToken ct)
    {
        var reply = new TaskCompletionSource<TankStatus?>(TaskCreationOptions.RunContinuationsAsynchronously);
        await _commands.Writer.WriteAsync(new QueryTank(tankId, reply), ct);
        using (ct.Register(() => reply.TrySetCanceled(ct)))
        {
            return await reply.Task;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var tanks = new Dictionary<string, TankStatus>();

        await foreach (var command in _commands.Reader.ReadAllAsync(stoppingToken))
        {
            switch (command)
            {
                case GravityReading r:
                    if (tanks.TryGetValue(r.TankId, out var s))
                    {
                        var abv = (s.OriginalGravity - r.SpecificGravity) * 131.25;
                        tanks[r.TankId] = s with { CurrentGravity = r.SpecificGravity, Celsius = r.Celsius, AbvEstimate = abv };
                    }
                    else
                    {
                        tanks[r.TankId] = new TankStatus(r.TankId, r.SpecificGravity, r.SpecificGravity, r.Celsius, 0);
                    }
                    break;

                case QueryTank q:
                    q.Reply.TrySetResult(tanks.TryGetValue(q.TankId, out var status) ? status : null);
                    break;
            }
        }
    }
}
