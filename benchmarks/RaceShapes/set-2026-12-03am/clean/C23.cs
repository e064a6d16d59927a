using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Blind39.Sailmakers.Nesting;

public sealed record SailPanel(string Id, double WidthMm, double HeightMm);

public sealed record NestingResult(string SailId, int ClothLengthMm, int PanelsPlaced);

/// <summary>Scratch state for one nesting run; reused between runs to avoid allocations.</summary>
public sealed class NestingWorkspace
{
    public List<SailPanel> Pending { get; } = new();
    public List<(double X, double Y)> Placements { get; } = new();
    public double ShelfHeight { get; set; }

    public void Reset()
    {
        Pending.Clear();
        Placements.Clear();
        ShelfHeight = 0;
    }
}

/// <summary>A small pool of workspaces shared by all nesting requests.</summary>
public sealed class WorkspacePool
{
    private readonly ConcurrentBag<NestingWorkspace> _free = new();
    private int _created;

    public int Created => Volatile.Read(ref _created);

    public NestingWorkspace Rent()
    {
        if (_free.TryTake(out var ws))
            return ws;
        Interlocked.Increment(ref _created);
        return new NestingWorkspace();
    }

    public void Return(NestingWorkspace ws)
    {
        ws.Reset();
        _free.Add(ws);
    }
}

/// <summary>
/// Lays panels across the sailcloth roll. Shared by the loft's cutting stations; each
/// request borrows a workspace for the duration of the run.
/// </summary>
public sealed class PanelNester
{
    private readonly WorkspacePool _pool;
    private readonly double _rollWidthMm;

    public PanelNester(WorkspacePool pool, double rollWidthMm)
    {
        _pool = pool;
        _rollWidthMm = rollWidthMm;
    }

    public NestingResult Nest(string sailId, IEnumerable<SailPanel> panels)
    {
        var ws = _pool.Rent();
        try
        {
            ws.Pending.AddRange(panels);
            ws.Pending.Sort((a, b) => b.HeightMm.CompareTo(a.HeightMm));

            double x = 0, y = 0;
            foreach (var panel in ws.Pending)
            {
                if (x + panel.WidthMm > _rollWidthMm)
                {
                    x = 0;
                    y += ws.ShelfHeight;
                    ws.ShelfHeight = 0;
                }
                ws.Placements.Add((x, y));
                x += panel.WidthMm;
                ws.ShelfHeight = Math.Max(ws.ShelfHeight, panel.HeightMm);
            }

            return new NestingResult(sailId, (int)Math.Ceiling(y + ws.ShelfHeight), ws.Placements.Count);
        }
        finally
        {
            _pool.Return(ws);
        }
    }

    public Task<NestingResult[]> NestAllAsync(IReadOnlyDictionary<string, SailPanel[]> sails) =>
        Task.WhenAll(System.Linq.Enumerable.Select(sails, s => Task.Run(() => Nest(s.Key, s.Value))));
}
