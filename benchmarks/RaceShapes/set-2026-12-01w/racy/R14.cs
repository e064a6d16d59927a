using Microsoft.Extensions.Logging;

namespace Quarry.Permits.Blasting;

public sealed record BlastPermit(string Number, string Bench, double ChargeKg, DateOnly Date, string IssuedBy);

/// <summary>
/// Issues blasting permits for the quarry benches. One instance is shared by all request
/// handlers of the permit API; shot-firers and the site manager request permits from
/// their phones and the office at the same time in the morning.
/// </summary>
public sealed class BlastPermitIssuer
{
    private readonly object _permitsLock = new();
    private readonly List<BlastPermit> _issuedToday = new();
    private readonly ILogger<BlastPermitIssuer> _logger;
    private readonly double _dailyChargeLimitKg;
    private int _sequence;

    public BlastPermitIssuer(ILogger<BlastPermitIssuer> logger, double dailyChargeLimitKg)
    {
        _logger = logger;
        _dailyChargeLimitKg = dailyChargeLimitKg;
    }

    public BlastPermit? Issue(string bench, double chargeKg, string requestedBy)
    {
        var today = DateOnly.FromDateTime(DateTime.Today);
        var number = $"BP-{today:yyyyMMdd}-{++_sequence:D3}";

        lock (_permitsLock)
        {
            var alreadyCharged = _issuedToday.Sum(p => p.ChargeKg);
            if (alreadyCharged + chargeKg > _dailyChargeLimitKg)
            {
                _logger.LogWarning("Permit for {Bench} refused: daily charge limit reached", bench);
                return null;
            }

            var permit = new BlastPermit(number, bench, chargeKg, today, requestedBy);
            _issuedToday.Add(permit);
            _logger.LogInformation("Issued {Number} for bench {Bench}", number, bench);
            return permit;
        }
    }

    public IReadOnlyList<BlastPermit> IssuedToday()
    {
        lock (_permitsLock)
        {
            return _issuedToday.ToArray();
        }
    }
}
