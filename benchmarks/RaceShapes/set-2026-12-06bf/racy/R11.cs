using System.Collections.Concurrent;

namespace Blind58.BoatPlans;

/// <summary>Half-breadth table for a hull: station number to half-breadth in millimetres.</summary>
public sealed class HullOffsets
{
    private readonly ConcurrentDictionary<int, double> _halfBreadths = new();

    public double this[int station]
    {
        get => _halfBreadths.GetValueOrDefault(station);
        set => _halfBreadths[station] = value;
    }

    public IReadOnlyDictionary<int, double> Snapshot() => new Dictionary<int, double>(_halfBreadths);
}

public interface IEditCommand
{
    void Do(HullOffsets offsets);
    void Undo(HullOffsets offsets);
}

public sealed class SetOffsetCommand : IEditCommand
{
    private readonly int _station;
    private readonly double _newValue;
    private double _oldValue;

    public SetOffsetCommand(int station, double newValue)
    {
        _station = station;
        _newValue = newValue;
    }

    public void Do(HullOffsets offsets)
    {
        _oldValue = offsets[_station];
        offsets[_station] = _newValue;
    }

    public void Undo(HullOffsets offsets) => offsets[_station] = _oldValue;
}

public sealed class CompositeCommand : IEditCommand
{
    private readonly IReadOnlyList<IEditCommand> _parts;

    public CompositeCommand(IReadOnlyList<IEditCommand> parts) => _parts = parts;

    public void Do(HullOffsets offsets)
    {
        foreach (var part in _parts) part.Do(offsets);
    }

    public void Undo(HullOffsets offsets)
    {
        for (int i = _parts.Count - 1; i >= 0; i--) _parts[i].Undo(offsets);
    }
}

/// <summary>
/// Lines-plan editor for the boatyard's design tool. Toolbar and keyboard actions arrive
/// on the UI thread; the "fair lines" action computes smoothed offsets in the background.
/// </summary>
public sealed class HullPlanEditor
{
    private readonly HullOffsets _offsets = new();
    private readonly Stack<IEditCommand> _undo = new();
    private readonly Stack<IEditCommand> _redo = new();

    public HullOffsets Offsets => _offsets;

    public void Apply(IEditCommand command)
    {
        command.Do(_offsets);
        _undo.Push(command);
        _redo.Clear();
    }

    public bool Undo()
    {
        if (!_undo.TryPop(out var command)) return false;
        command.Undo(_offsets);
        _redo.Push(command);
        return true;
    }

    public async Task FairLinesAsync()
    {
        var snapshot = _offsets.Snapshot();
        var adjustments = await Task.Run(() => ComputeFairing(snapshot)).ConfigureAwait(false);
        var composite = new CompositeCommand(adjustments);
        composite.Do(_offsets);
        _undo.Push(composite);
    }

    private static IReadOnlyList<IEditCommand> ComputeFairing(IReadOnlyDictionary<int, double> offsets)
    {
        var result = new List<IEditCommand>();
        foreach (var station in offsets.Keys.OrderBy(k => k))
        {
            if (offsets.TryGetValue(station - 1, out var prev) && offsets.TryGetValue(station + 1, out var next))
            {
                double smoothed = (prev + 2 * offsets[station] + next) / 4.0;
                result.Add(new SetOffsetCommand(station, Math.Round(smoothed, 1)));
            }
        }

        return result;
    }
}
