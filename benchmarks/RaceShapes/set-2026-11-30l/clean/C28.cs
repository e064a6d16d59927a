using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Ledgerline.Tax.Audit
{
    /// <summary>Notes explaining how one employee's taxes were computed.</summary>
    public sealed class AuditTrail
    {
        private readonly List<string> _entries = new();

        public AuditTrail(string employeeId) => EmployeeId = employeeId;

        public string EmployeeId { get; }

        public IReadOnlyList<string> Entries => _entries;

        public void Add(string entry) => _entries.Add(entry);
    }

    /// <summary>Ambient audit trail for the calculation currently running in this async flow.</summary>
    public static class TaxAudit
    {
        private static readonly AsyncLocal<AuditTrail?> s_current = new();

        public static AuditTrail Begin(string employeeId)
        {
            var trail = new AuditTrail(employeeId);
            s_current.Value = trail;
            return trail;
        }

        public static void Note(string entry) => s_current.Value?.Add(entry);
    }

    public sealed record EmployeeTaxInput(string EmployeeId, decimal Gross, string State);

    public sealed record TaxResult(string EmployeeId, decimal SocialSecurity, decimal Medicare, decimal StateTax, IReadOnlyList<string> Audit);

    public interface IStateRateProvider
    {
        Task<decimal> GetFlatRateAsync(string state);
    }

    public sealed class TaxBatchCalculator
    {
        private readonly IStateRateProvider _rates;

        public TaxBatchCalculator(IStateRateProvider rates) => _rates = rates;

        public async Task<TaxResult[]> CalculateAsync(IEnumerable<EmployeeTaxInput> inputs)
        {
            var tasks = inputs.Select(input => Task.Run(async () =>
            {
                var trail = TaxAudit.Begin(input.EmployeeId);
                decimal socialSecurity = SocialSecurity(input.Gross);
                decimal medicare = Medicare(input.Gross);
                decimal stateTax = await StateTaxAsync(input).ConfigureAwait(false);
                return new TaxResult(input.EmployeeId, socialSecurity, medicare, stateTax, trail.Entries);
            }));

            return await Task.WhenAll(tasks).ConfigureAwait(false);
        }

        private static decimal SocialSecurity(decimal gross)
        {
            decimal tax = Math.Round(gross * 0.062m, 2);
            TaxAudit.Note($"Social Security 6.2% of {gross:F2} = {tax:F2}");
            return tax;
        }

        private static decimal Medicare(decimal gross)
        {
            decimal tax = Math.Round(gross * 0.0145m, 2);
            TaxAudit.Note($"Medicare 1.45% of {gross:F2} = {tax:F2}");
            return tax;
        }

        private async Task<decimal> StateTaxAsync(EmployeeTaxInput input)
        {
            decimal rate = await _rates.GetFlatRateAsync(input.State).ConfigureAwait(false);
            decimal tax = Math.Round(input.Gross * rate, 2);
            TaxAudit.Note($"{input.State} flat rate {rate:P2} of {input.Gross:F2} = {tax:F2}");
            return tax;
        }
    }
}
