using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;

namespace Gridwise.Sheets.Model
{
    public readonly record struct Address(int Row, int Column);

    public sealed record Cell(string Text, IReadOnlyList<Address> Precedents)
    {
        public bool HasFormula => Text.StartsWith('=');
    }

    /// <summary>
    /// Cell store for one sheet of a workbook. Edits come from the UI thread; the
    /// recalculation scheduler enumerates formulas and dependents on pool threads.
    /// </summary>
    public sealed class SheetStore : IDisposable
    {
        private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
        private readonly Dictionary<Address, Cell> _cells = new();
        private readonly Dictionary<Address, HashSet<Address>> _dependents = new();

        public void Set(Address address, Cell? cell)
        {
            _lock.EnterWriteLock();
            try
            {
                if (_cells.TryGetValue(address, out var old))
                    RemoveEdges(address, old);

                if (cell is null)
                {
                    _cells.Remove(address);
                    return;
                }

                _cells[address] = cell;
                AddEdges(address, cell);
            }
            finally
            {
                _lock.ExitWriteLock();
            }
        }

        public IReadOnlyList<Address> FormulaCells()
        {
            _lock.EnterReadLock();
            try
            {
                return _cells.Where(p => p.Value.HasFormula)
                             .Select(p => p.Key)
                             .OrderBy(a => a.Row)
                             .ThenBy(a => a.Column)
                             .ToList();
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }

        public Address[] DependentsOf(Address address)
        {
            _lock.EnterReadLock();
            try
            {
                return _dependents.TryGetValue(address, out var set) ? set.ToArray() : Array.Empty<Address>();
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }

        public Cell? Get(Address address)
        {
            _lock.EnterReadLock();
            try
            {
                return _cells.TryGetValue(address, out var cell) ? cell : null;
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }

        private void AddEdges(Address address, Cell cell)
        {
            foreach (var precedent in cell.Precedents)
            {
                if (!_dependents.TryGetValue(precedent, out var set))
                    _dependents[precedent] = set = new HashSet<Address>();
                set.Add(address);
            }
        }

        private void RemoveEdges(Address address, Cell cell)
        {
            foreach (var precedent in cell.Precedents)
            {
                if (_dependents.TryGetValue(precedent, out var set) && set.Remove(address) && set.Count == 0)
                    _dependents.Remove(precedent);
            }
        }

        public void Dispose() => _lock.Dispose();
    }
}
