using System;
using System.Collections.Generic;
using System.Linq;

namespace Gridwise.Calc.Engine
{
    public readonly record struct CellRef(int Row, int Column)
    {
        public override string ToString() => $"{(char)('A' + Column)}{Row + 1}";
    }

    public sealed record CellContent(string Raw, IReadOnlyList<CellRef> References)
    {
        public bool IsFormula => Raw.StartsWith('=');
    }

    /// <summary>
    /// Cell storage and dependency graph for one worksheet. The UI thread calls
    /// <see cref="SetCell"/> as the user edits; the recalculation service calls
    /// <see cref="CollectFormulaCells"/> and <see cref="GetDependents"/> from its
    /// worker threads whenever a recalculation pass is scheduled.
    /// </summary>
    public sealed class Worksheet
    {
        private readonly object _gate = new();
        private readonly Dictionary<CellRef, CellContent> _cells = new();
        private readonly Dictionary<CellRef, HashSet<CellRef>> _dependents = new();

        public Worksheet(string name) => Name = name;

        public string Name { get; }

        public void SetCell(CellRef cell, CellContent? content)
        {
            lock (_gate)
            {
                if (_cells.TryGetValue(cell, out var previous))
                    Unlink(cell, previous);

                if (content is null)
                {
                    _cells.Remove(cell);
                    return;
                }

                _cells[cell] = content;
                Link(cell, content);
            }
        }

        public CellContent? GetCell(CellRef cell)
        {
            lock (_gate)
            {
                return _cells.TryGetValue(cell, out var content) ? content : null;
            }
        }

        public IReadOnlyCollection<CellRef> GetDependents(CellRef cell)
        {
            lock (_gate)
            {
                return _dependents.TryGetValue(cell, out var set) ? set.ToArray() : Array.Empty<CellRef>();
            }
        }

        public IReadOnlyList<CellRef> CollectFormulaCells()
        {
            var formulas = new List<CellRef>();
            foreach (var pair in _cells)
            {
                if (pair.Value.IsFormula)
                    formulas.Add(pair.Key);
            }
            formulas.Sort((a, b) => a.Row != b.Row ? a.Row.CompareTo(b.Row) : a.Column.CompareTo(b.Column));
            return formulas;
        }

        private void Link(CellRef cell, CellContent content)
        {
            foreach (var precedent in content.References)
            {
                if (!_dependents.TryGetValue(precedent, out var set))
                {
                    set = new HashSet<CellRef>();
                    _dependents[precedent] = set;
                }
                set.Add(cell);
            }
        }

        private void Unlink(CellRef cell, CellContent content)
        {
            foreach (var precedent in content.References)
            {
                if (_dependents.TryGetValue(precedent, out var set) && set.Remove(cell) && set.Count == 0)
                    _dependents.Remove(precedent);
            }
        }
    }
}
