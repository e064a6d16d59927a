using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;

namespace Blind62.MuseumLoans.Incoming
{
    public sealed record IncomingLoan(string Reference, string Lender, string ObjectTitle, DateOnly Arrives, DateOnly Departs, string Gallery);

    /// <summary>
    /// Register of objects borrowed from other institutions. Shared by the registrar's
    /// web app, the gallery signage service and the condition-check scheduler.
    /// </summary>
    public sealed class IncomingLoanRegister
    {
        private readonly object _writeGate = new();
        private ImmutableList<IncomingLoan> _loans = ImmutableList<IncomingLoan>.Empty;

        public ImmutableList<IncomingLoan> Current => Volatile.Read(ref _loans);

        public bool Add(IncomingLoan loan)
        {
            ArgumentNullException.ThrowIfNull(loan);

            lock (_writeGate)
            {
                if (_loans.Any(l => l.Reference == loan.Reference))
                {
                    return false;
                }

                Volatile.Write(ref _loans, _loans.Add(loan));
                return true;
            }
        }

        public bool MoveToGallery(string reference, string gallery)
        {
            lock (_writeGate)
            {
                var existing = _loans.Find(l => l.Reference == reference);
                if (existing is null)
                {
                    return false;
                }

                Volatile.Write(ref _loans, _loans.Replace(existing, existing with { Gallery = gallery }));
                return true;
            }
        }

        public int RemoveDeparted(DateOnly today)
        {
            lock (_writeGate)
            {
                var remaining = _loans.RemoveAll(l => l.Departs < today);
                int removed = _loans.Count - remaining.Count;
                Volatile.Write(ref _loans, remaining);
                return removed;
            }
        }

        public ImmutableList<IncomingLoan> InGallery(string gallery) =>
            Current.Where(l => string.Equals(l.Gallery, gallery, StringComparison.OrdinalIgnoreCase)).ToImmutableList();
    }
}
