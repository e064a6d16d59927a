using Microsoft.Extensions.Logging;

namespace Quarry.Permits.Register;

public sealed record ShotPermit(string Number, string Bench, double ChargeKg, DateOnly Date, string IssuedTo);

/// <summary>
/// Issues shot permits for the quarry benches. One instance is shared by all request
/// handlers of the permit API.
/// </summary>
public sealed class ShotPermitRegister
{
    private readonly object _sync = new();
    private readonly List<ShotPermit> _issued = new();
    private readonly ILogger<ShotPermitRegister> _logger;
    private readonly double _dailyLimitKg;
    private DateOnly _sequenceDate;
    private int _sequence;

    public ShotPermitRegister(ILogger<ShotPermitRegister> logger, double dailyLimitKg)
    {
        _logger = logger;
        _dailyLimitKg = dailyLimitKg;
    }

    public ShotPermit? Issue(string bench, double chargeKg, string issuedTo)
    {
        var today = DateOnly.FromDateTime(DateTime.Today);
        ShotPermit permit;

        lock (_sync)
        {
            if (_sequenceDate != today)
            {
                _sequenceDate = today;
                _sequence = 0;
                _issued.Clear();
            }

            var charged = _issued.Sum(p => p.ChargeKg);
            if (charged + chargeKg > _dailyLimitKg)
            {
                return null;
            }

            var number = $"SP-{today:yyyyMMdd}-{++_sequence:D3}";
            permit = new ShotPermit(number, bench, chargeKg, today, issuedTo);
            _issued.Add(permit);
        }

        _logger.LogInformation("Issued {Number} for bench {Bench}", permit.Number, bench);
        return permit;
    }

    public IReadOnlyList<ShotPermit> Issued()
    {
        lock (_sync)
        {
            return _issued.ToArray();
        }
    }
}
