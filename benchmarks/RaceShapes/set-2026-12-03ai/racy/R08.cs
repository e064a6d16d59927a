namespace Blind35.PeatCutting.Runs;

public sealed record BankSection(string Id, int Rows, int BlocksPerRow);

public sealed class TurfCutEventArgs : EventArgs
{
    public TurfCutEventArgs(string sectionId, int row, int blocks)
    {
        SectionId = sectionId;
        Row = row;
        Blocks = blocks;
    }

    public string SectionId { get; }
    public int Row { get; }
    public int Blocks { get; }
}

/// <summary>Drives the cutting crews over the bank sections assigned to the cooperative today.</summary>
public sealed class CuttingRun
{
    public event EventHandler<TurfCutEventArgs>? TurfCut;

    public void Run(IReadOnlyList<BankSection> sections, int crews)
    {
        var options = new ParallelOptions { MaxDegreeOfParallelism = crews };
        Parallel.ForEach(sections, options, section =>
        {
            for (var row = 0; row < section.Rows; row++)
            {
                // Each crew reports every row as soon as it is on the barrow.
                TurfCut?.Invoke(this, new TurfCutEventArgs(section.Id, row, section.BlocksPerRow));
            }
        });
    }
}

/// <summary>Keeps the running count of turf blocks laid out on the drying field.</summary>
public sealed class DryingFieldTally
{
    private readonly int _fieldCapacity;
    private int _blocksOnField;

    public DryingFieldTally(int fieldCapacity) => _fieldCapacity = fieldCapacity;

    public void Attach(CuttingRun run) => run.TurfCut += OnTurfCut;

    public void Detach(CuttingRun run) => run.TurfCut -= OnTurfCut;

    public int BlocksOnField => _blocksOnField;

    public bool FieldFull => _blocksOnField >= _fieldCapacity;

    private void OnTurfCut(object? sender, TurfCutEventArgs e)
    {
        _blocksOnField += e.Blocks;
    }
}

public static class CuttingDay
{
    public static int Run(IReadOnlyList<BankSection> sections)
    {
        var run = new CuttingRun();
        var tally = new DryingFieldTally(fieldCapacity: 20_000);
        tally.Attach(run);
        run.Run(sections, crews: 4);
        tally.Detach(run);
        return tally.BlocksOnField;
    }
}
