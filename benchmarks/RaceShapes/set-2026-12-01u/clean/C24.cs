namespace Circus.Inspections;

public sealed record InspectionFinding(string Apparatus, string Inspector, string Severity, string Note, DateTime AtUtc);

/// <summary>
/// Collects findings from the rigging crew's handhelds. Shared by all handheld connections;
/// the safety officer's screen subscribes to <see cref="CriticalFinding"/>.
/// </summary>
public sealed class FindingsBoard
{
    private readonly object _gate = new();
    private readonly List<InspectionFinding> _findings = new();
    private EventHandler<InspectionFinding>? _critical;

    public event EventHandler<InspectionFinding>? CriticalFinding
    {
        add { lock (_gate) _critical += value; }
        remove { lock (_gate) _critical -= value; }
    }

    public void Submit(InspectionFinding finding)
    {
        EventHandler<InspectionFinding>? handlers = null;
        lock (_gate)
        {
            _findings.Add(finding);
            if (finding.Severity == "critical")
                handlers = _critical;
        }
        handlers?.Invoke(this, finding);
    }

    public IReadOnlyList<InspectionFinding> ForApparatus(string apparatus)
    {
        List<InspectionFinding> copy;
        lock (_gate)
        {
            copy = new List<InspectionFinding>(_findings);
        }
        return copy.Where(f => f.Apparatus == apparatus).OrderBy(f => f.AtUtc).ToList();
    }

    public bool ClearedForShow(string apparatus)
    {
        lock (_gate)
        {
            return !_findings.Any(f => f.Apparatus == apparatus && f.Severity == "critical");
        }
    }
}
