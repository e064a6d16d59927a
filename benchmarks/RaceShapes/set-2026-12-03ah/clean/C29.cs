using System.Globalization;

namespace Blind34.Allotment.Rules;

public sealed class SocietyRules
{
    public SocietyRules(IReadOnlyDictionary<string, string> byClause, decimal annualRent, int maxPlotsPerMember)
    {
        ByClause = byClause;
        AnnualRent = annualRent;
        MaxPlotsPerMember = maxPlotsPerMember;
    }

    public IReadOnlyDictionary<string, string> ByClause { get; }
    public decimal AnnualRent { get; }
    public int MaxPlotsPerMember { get; }
}

/// <summary>
/// Loads the allotment society's rule book on first use. Shared by the
/// membership portal's request handlers.
/// </summary>
public sealed class RuleBookProvider
{
    private readonly object _gate = new();
    private readonly string _path;
    private volatile SocietyRules? _rules;

    public RuleBookProvider(string path) => _path = path;

    public SocietyRules Rules
    {
        get
        {
            var rules = _rules;
            if (rules != null)
            {
                return rules;
            }

            lock (_gate)
            {
                rules = _rules;
                if (rules == null)
                {
                    rules = Load(_path);
                    _rules = rules;
                }

                return rules;
            }
        }
    }

    public void Invalidate() => _rules = null;

    private static SocietyRules Load(string path)
    {
        var clauses = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        decimal rent = 0;
        var maxPlots = 1;
        foreach (var line in File.ReadLines(path))
        {
            var eq = line.IndexOf('=');
            if (eq <= 0)
            {
                continue;
            }

            var key = line[..eq].Trim();
            var value = line[(eq + 1)..].Trim();
            switch (key)
            {
                case "rent": rent = decimal.Parse(value, CultureInfo.InvariantCulture); break;
                case "maxPlots": maxPlots = int.Parse(value, CultureInfo.InvariantCulture); break;
                default: clauses[key] = value; break;
            }
        }

        return new SocietyRules(clauses, rent, maxPlots);
    }
}

public sealed class MembershipPortal
{
    private readonly RuleBookProvider _rules;

    public MembershipPortal(RuleBookProvider rules) => _rules = rules;

    public bool CanTakeAnotherPlot(int plotsHeld) => plotsHeld < _rules.Rules.MaxPlotsPerMember;

    public string Clause(string id) => _rules.Rules.ByClause.TryGetValue(id, out var text) ? text : "(no such clause)";
}
