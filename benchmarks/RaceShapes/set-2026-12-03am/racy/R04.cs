using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Threading;

namespace Blind39.PerfumeHouse.Formulas;

public sealed record Formula(string Name, string TopNotes, string HeartNotes, string BaseNotes, double Concentration);

/// <summary>
/// In-memory copy of the house formula sheet. The blending stations ask for formulas
/// from their request threads; a poll timer re-reads the sheet when the file changes.
/// </summary>
public sealed class FormulaCatalog : IDisposable
{
    private readonly string _path;
    private readonly Dictionary<string, Formula> _formulas = new(StringComparer.OrdinalIgnoreCase);
    private readonly object _reloadGate = new();
    private readonly Timer _pollTimer;
    private DateTime _lastWriteUtc;

    public FormulaCatalog(string path)
    {
        _path = path;
        _lastWriteUtc = File.GetLastWriteTimeUtc(path);
        Reload();
        _pollTimer = new Timer(_ => PollForChanges(), null, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5));
    }

    public bool TryGetFormula(string name, out Formula? formula)
    {
        return _formulas.TryGetValue(name, out formula);
    }

    private void PollForChanges()
    {
        try
        {
            var stamp = File.GetLastWriteTimeUtc(_path);
            lock (_reloadGate)
            {
                if (stamp == _lastWriteUtc)
                    return;
                _lastWriteUtc = stamp;
                Reload();
            }
        }
        catch (IOException)
        {
            // the perfumer may still be saving the sheet; try again on the next tick
        }
    }

    private void Reload()
    {
        var lines = File.ReadAllLines(_path);
        _formulas.Clear();
        foreach (var line in lines)
        {
            if (line.Length == 0 || line[0] == '#')
                continue;

            var parts = line.Split(';');
            if (parts.Length != 5)
                continue;

            var concentration = double.Parse(parts[4], CultureInfo.InvariantCulture);
            _formulas[parts[0]] = new Formula(parts[0], parts[1], parts[2], parts[3], concentration);
        }
    }

    public void Dispose() => _pollTimer.Dispose();
}

/// <summary>Computes ingredient volumes for a blending order.</summary>
public sealed class BlendingStation
{
    private readonly FormulaCatalog _catalog;

    public BlendingStation(FormulaCatalog catalog) => _catalog = catalog;

    public double? EssenceMillilitres(string formulaName, double batchMillilitres)
    {
        if (!_catalog.TryGetFormula(formulaName, out var formula) || formula is null)
            return null;
        return batchMillilitres * formula.Concentration;
    }
}
