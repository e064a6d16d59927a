using System.Collections.Immutable;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Blind30.Greenhouse;

public sealed record ShadeRule(string Name, double AboveLux, int ScreenPercent);

public interface IShadeScreen
{
    Task<double> ReadLuxAsync(CancellationToken ct);
    Task DeployAsync(int percent, CancellationToken ct);
}

/// <summary>
/// Moves the glasshouse shade screens according to outside light. Registered as a
/// singleton and hosted service; the grower's settings page replaces rules at any time.
/// </summary>
public sealed class ShadeScreenService : BackgroundService
{
    private readonly object _writeLock = new();
    private readonly IShadeScreen _screen;
    private readonly ILogger<ShadeScreenService> _logger;
    private ImmutableList<ShadeRule> _rules = ImmutableList<ShadeRule>.Empty;

    public ShadeScreenService(IShadeScreen screen, ILogger<ShadeScreenService> logger)
    {
        _screen = screen;
        _logger = logger;
    }

    public ImmutableList<ShadeRule> Rules => Volatile.Read(ref _rules);

    public void SetRule(ShadeRule rule)
    {
        lock (_writeLock)
        {
            var current = Rules;
            var updated = current.RemoveAll(r => r.Name == rule.Name).Add(rule).Sort((a, b) => b.AboveLux.CompareTo(a.AboveLux));
            Volatile.Write(ref _rules, updated);
        }
    }

    public bool RemoveRule(string name)
    {
        lock (_writeLock)
        {
            var current = Rules;
            var updated = current.RemoveAll(r => r.Name == name);
            Volatile.Write(ref _rules, updated);
            return updated.Count != current.Count;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(2));
        int deployed = -1;

        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            double lux = await _screen.ReadLuxAsync(stoppingToken);
            int wanted = 0;
            foreach (var rule in Rules)
            {
                if (lux > rule.AboveLux)
                {
                    wanted = rule.ScreenPercent;
                    break;
                }
            }

            if (wanted != deployed)
            {
                _logger.LogInformation("Outside light {Lux} lx, screens to {Percent}%", lux, wanted);
                await _screen.DeployAsync(wanted, stoppingToken);
                deployed = wanted;
            }
        }
    }
}
