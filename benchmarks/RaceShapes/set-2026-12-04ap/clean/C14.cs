using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace Blind42.HotSprings.Lockers;

public sealed record LockerAssignment(int WristbandNumber, string Guest, int Locker, string? CorrelationId);

/// <summary>Ambient correlation id for the current request, flowing across awaits.</summary>
public static class VisitCorrelation
{
    private static readonly AsyncLocal<string?> s_current = new();

    public static string? Current
    {
        get => s_current.Value;
        set => s_current.Value = value;
    }
}

/// <summary>
/// Assigns changing-room lockers. Registered as scoped (one per request); wristband numbers
/// come from a process-wide sequence shared by all instances.
/// </summary>
public sealed class LockerAssignmentService
{
    private static int s_lastWristband = 5000;
    private static int s_nextLocker;

    private readonly int _lockerCount;
    private readonly List<LockerAssignment> _assigned = new();

    public LockerAssignmentService(int lockerCount = 240) => _lockerCount = lockerCount;

    public LockerAssignment Assign(string guest)
    {
        var wristband = Interlocked.Increment(ref s_lastWristband);
        var locker = (int)((uint)Interlocked.Increment(ref s_nextLocker) % (uint)_lockerCount) + 1;
        var assignment = new LockerAssignment(wristband, guest, locker, VisitCorrelation.Current);
        _assigned.Add(assignment);
        return assignment;
    }

    public IReadOnlyList<LockerAssignment> AssignedInThisRequest => _assigned;
}

[ApiController]
[Route("api/lockers")]
public sealed class LockersController : ControllerBase
{
    private readonly LockerAssignmentService _lockers;

    public LockersController(LockerAssignmentService lockers) => _lockers = lockers;

    [HttpPost("{guest}")]
    public async Task<ActionResult<IReadOnlyList<LockerAssignment>>> Assign(string guest, [FromQuery] int party = 1)
    {
        VisitCorrelation.Current = HttpContext.TraceIdentifier;
        for (var i = 0; i < party; i++)
        {
            _lockers.Assign(i == 0 ? guest : $"{guest} +{i}");
            await Task.Yield();
        }
        return Ok(_lockers.AssignedInThisRequest);
    }
}

public static class LockerRegistration
{
    public static IServiceCollection AddLockers(this IServiceCollection services) =>
        services.AddScoped(_ => new LockerAssignmentService());
}
