using System.Collections.Concurrent;
using Microsoft.AspNetCore.Mvc;

namespace Blind22.Balloons.Permits;

public sealed record LaunchPermit(string PermitNumber, string Pilot, string LaunchSite, DateOnly Date);

public sealed record PermitRequest(string Pilot, string LaunchSite, DateOnly Date);

/// <summary>
/// Issues launch permits for the regional balloon fiesta. One instance is registered
/// for the whole application and shared by every request.
/// </summary>
public sealed class PermitIssuer
{
    private readonly ConcurrentDictionary<string, LaunchPermit> _issued = new();
    private readonly string _prefix;
    private int _sequence;

    public PermitIssuer(string prefix, int startAt)
    {
        _prefix = prefix;
        _sequence = startAt;
    }

    public LaunchPermit Issue(PermitRequest request)
    {
        _sequence++;
        var number = $"{_prefix}-{request.Date:yyyyMMdd}-{_sequence:D5}";
        var permit = new LaunchPermit(number, request.Pilot, request.LaunchSite, request.Date);
        if (!_issued.TryAdd(number, permit))
        {
            throw new InvalidOperationException($"Permit {number} already exists.");
        }
        return permit;
    }

    public LaunchPermit? Find(string permitNumber)
        => _issued.TryGetValue(permitNumber, out var p) ? p : null;

    public IEnumerable<LaunchPermit> ForSite(string site)
        => _issued.Values.Where(p => p.LaunchSite == site).OrderBy(p => p.PermitNumber);
}

[ApiController]
[Route("api/permits")]
public sealed class PermitsController : ControllerBase
{
    private readonly PermitIssuer _issuer;

    public PermitsController(PermitIssuer issuer) => _issuer = issuer;

    [HttpPost]
    public ActionResult<LaunchPermit> Create(PermitRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.Pilot))
        {
            return BadRequest("Pilot name is required.");
        }
        var permit = _issuer.Issue(request);
        return CreatedAtAction(nameof(Get), new { number = permit.PermitNumber }, permit);
    }

    [HttpGet("{number}")]
    public ActionResult<LaunchPermit> Get(string number)
        => _issuer.Find(number) is { } p ? p : NotFound();

    [HttpGet("site/{site}")]
    public IEnumerable<LaunchPermit> BySite(string site) => _issuer.ForSite(site);
}
