using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Ledgerline.Payroll.Batches
{
    public sealed record Employee(string Id, string Department, decimal AnnualSalary, int Allowances);

    public sealed record PayStub(string EmployeeId, decimal Gross, decimal FederalWithholding, decimal Net);

    public sealed record PayrollSummary(
        IReadOnlyDictionary<string, IReadOnlyList<PayStub>> StubsByDepartment,
        decimal TotalWithheld);

    /// <summary>Percentage-method withholding brackets, annualized.</summary>
    public sealed class WithholdingTable
    {
        private readonly (decimal Threshold, decimal Rate)[] _brackets;
        private readonly decimal _allowanceValue;

        public WithholdingTable((decimal Threshold, decimal Rate)[] brackets, decimal annualAllowanceValue)
        {
            _brackets = brackets.OrderBy(b => b.Threshold).ToArray();
            _allowanceValue = annualAllowanceValue;
        }

        public decimal Compute(decimal grossForPeriod, int allowances, int periodsPerYear)
        {
            decimal taxable = grossForPeriod - allowances * _allowanceValue / periodsPerYear;
            if (taxable <= 0) return 0m;

            decimal annualized = taxable * periodsPerYear;
            decimal tax = 0m;
            for (int i = 0; i < _brackets.Length; i++)
            {
                decimal lower = _brackets[i].Threshold;
                decimal upper = i + 1 < _brackets.Length ? _brackets[i + 1].Threshold : decimal.MaxValue;
                if (annualized <= lower) break;
                tax += (Math.Min(annualized, upper) - lower) * _brackets[i].Rate;
            }
            return Math.Round(tax / periodsPerYear, 2, MidpointRounding.AwayFromZero);
        }
    }

    /// <summary>Runs one pay period for the whole company, one department per task.</summary>
    public sealed class PayrollRun
    {
        private readonly WithholdingTable _table;
        private readonly int _periodsPerYear;

        public PayrollRun(WithholdingTable table, int periodsPerYear)
        {
            _table = table;
            _periodsPerYear = periodsPerYear;
        }

        public async Task<PayrollSummary> RunAsync(IEnumerable<Employee> employees, CancellationToken ct)
        {
            decimal totalWithheld = 0m;

            var departmentTasks = employees
                .GroupBy(e => e.Department)
                .Select(group => Task.Run(() =>
                {
                    var stubs = new List<PayStub>();
                    foreach (var employee in group)
                    {
                        ct.ThrowIfCancellationRequested();
                        decimal gross = Math.Round(employee.AnnualSalary / _periodsPerYear, 2);
                        decimal federal = _table.Compute(gross, employee.Allowances, _periodsPerYear);
                        stubs.Add(new PayStub(employee.Id, gross, federal, gross - federal));
                        totalWithheld += federal;
                    }
                    return (Department: group.Key, Stubs: (IReadOnlyList<PayStub>)stubs);
                }, ct))
                .ToList();

            var results = await Task.WhenAll(departmentTasks);
            var byDepartment = results.ToDictionary(r => r.Department, r => r.Stubs);
            return new PayrollSummary(byDepartment, totalWithheld);
        }
    }
}
