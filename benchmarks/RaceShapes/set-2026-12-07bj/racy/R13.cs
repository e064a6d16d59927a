using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Blind62.MuseumLoans.Register
{
    public sealed record LoanAgreement(string Reference, string ObjectNumber, string BorrowingInstitution, DateOnly From, DateOnly Until, decimal InsuredValue);

    /// <summary>
    /// Register of outgoing loans. A single instance is shared by the registrar's web
    /// app (many concurrent requests) and the insurance report generator.
    /// </summary>
    public sealed class LoanRegister
    {
        private readonly object _sync = new();
        private readonly List<LoanAgreement> _active = new();
        private readonly HashSet<string> _onLoan = new(StringComparer.OrdinalIgnoreCase);

        public bool RegisterLoan(LoanAgreement agreement)
        {
            ArgumentNullException.ThrowIfNull(agreement);

            lock (_sync)
            {
                if (!_onLoan.Add(agreement.ObjectNumber))
                {
                    return false;
                }

                _active.Add(agreement);
                return true;
            }
        }

        public bool ReturnObject(string objectNumber)
        {
            lock (_sync)
            {
                if (!_onLoan.Remove(objectNumber))
                {
                    return false;
                }

                _active.RemoveAll(a => string.Equals(a.ObjectNumber, objectNumber, StringComparison.OrdinalIgnoreCase));
                return true;
            }
        }

        public bool IsOnLoan(string objectNumber)
        {
            lock (_sync)
            {
                return _onLoan.Contains(objectNumber);
            }
        }

        /// <summary>Current loans, for reporting.</summary>
        public IReadOnlyList<LoanAgreement> GetActiveLoans()
        {
            lock (_sync)
            {
                return _active;
            }
        }
    }

    /// <summary>
    /// Builds the monthly schedule sent to the insurers.
    /// </summary>
    public sealed class InsuranceScheduleBuilder
    {
        private readonly LoanRegister _register;

        public InsuranceScheduleBuilder(LoanRegister register)
        {
            _register = register;
        }

        public string Build(DateOnly asOf)
        {
            var sb = new StringBuilder();
            decimal total = 0;
            foreach (var loan in _register.GetActiveLoans())
            {
                if (loan.From <= asOf && asOf <= loan.Until)
                {
                    sb.Append(loan.Reference).Append('\t')
                      .Append(loan.ObjectNumber).Append('\t')
                      .Append(loan.BorrowingInstitution).Append('\t')
                      .Append(loan.InsuredValue.ToString("N2")).AppendLine();
                    total += loan.InsuredValue;
                }
            }

            sb.Append("TOTAL\t\t\t").Append(total.ToString("N2")).AppendLine();
            return sb.ToString();
        }
    }
}
