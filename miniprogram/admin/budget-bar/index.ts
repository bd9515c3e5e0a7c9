// A campaign's budget at a glance: paid and reserved (approved, not yet paid) as parts of one bar, with the
// amounts in 元 and what remains, which is what the next approval may still take; a places campaign's places
// given and left.
import type { BudgetLedger } from '../../../typings/api';
import { yuanText } from '../../services/money';

const percent = (part: number, whole: number) => (whole > 0 ? Math.min(100, Math.round((part / whole) * 1000) / 10) : 0);

Component({
  properties: {
    ledger: { type: Object, value: null as BudgetLedger | null },
  },
  data: {
    budget: '',
    reserved: '',
    paid: '',
    remaining: '',
    paidPct: 0,
    reservedPct: 0,
    places: '',
  },
  observers: {
    ledger(ledger: BudgetLedger | null) {
      if (!ledger) return;
      const { budgetFen, reservedFen, paidFen } = ledger;
      this.setData({
        budget: yuanText(budgetFen),
        reserved: yuanText(reservedFen),
        paid: yuanText(paidFen),
        remaining: yuanText(budgetFen - reservedFen - paidFen),
        paidPct: percent(paidFen, budgetFen),
        reservedPct: percent(reservedFen, budgetFen),
        places: ledger.places ? `名额 ${ledger.places.quota} 个，已入选 ${ledger.places.taken} 个，剩余 ${ledger.places.quota - ledger.places.taken} 个` : '',
      });
    },
  },
});
