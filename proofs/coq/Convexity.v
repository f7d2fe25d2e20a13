(** * Convexity of the deviation payoff in the lottery, without integrals.

    The closed form [F(A, B) = sum_j C(k,j) B^j A^(k-j) / (j+1)] is [integ ((A + B X)^k)],
    where [integ] is the linear functional on polynomials sending [X^j] to [1/(j+1)] (the
    integral over [0, 1], though nothing here uses integration). [integ] is nonnegative on
    every [(a + b X)^2 * H] with [H] of nonnegative coefficients, and the tangent identity
    [x^k - y^k - k y^(k-1) (x - y) = (x - y)^2 H(x, y)] then gives Jensen's inequality for [F],
    so the deviation payoff of an average lottery is at most the average deviation payoff. *)

From mathcomp Require Import all_ssreflect all_algebra.
From mathcomp.algebra_tactics Require Import ring.

Set Implicit Arguments.
Unset Strict Implicit.
Unset Printing Implicit Defensive.

Import GRing.Theory Num.Theory.
Local Open Scope ring_scope.

(** The tangent identity, in any commutative ring. *)
Lemma tangent_identity (A : comRingType) (x y : A) k :
  x ^+ k - y ^+ k - (y ^+ k.-1 *+ k) * (x - y)
  = (x - y) ^+ 2 * \sum_(i < k) y ^+ i * \sum_(j < k.-1 - i) x ^+ ((k.-1 - i).-1 - j) * y ^+ j.
Proof.
have -> : y ^+ k.-1 *+ k = \sum_(i < k) y ^+ k.-1 by rewrite sumr_const card_ord.
rewrite subrXX mulr_suml mulr_sumr -sumrB mulr_sumr; apply: eq_bigr => i _.
have -> : y ^+ k.-1 = y ^+ (k.-1 - i) * y ^+ i.
  by rewrite -exprD subnK //; case: k i => [[]|k] // i; rewrite -ltnS.
transitivity ((x - y) * y ^+ i * (x ^+ (k.-1 - i) - y ^+ (k.-1 - i))); first by ring.
by rewrite subrXX; ring.
Qed.

Section Integ.

Variable R : realFieldType.
Implicit Types (P Q H : {poly R}).

(** The functional: [X^j] goes to [1/(j+1)]. *)
Definition integ P : R := \sum_(i < size P) P`_i / (i.+1)%:R.

Lemma integE N P : (size P <= N)%N -> integ P = \sum_(i < N) P`_i / (i.+1)%:R.
Proof.
move=> le; rewrite /integ (big_ord_widen N (fun i => P`_i / (i.+1)%:R) le) big_mkcond /=.
apply: eq_bigr => i _; case: ltnP => // ge.
by rewrite (nth_default 0 ge) mul0r.
Qed.

Lemma integ0 : integ 0 = 0.
Proof. by rewrite /integ size_poly0 big_ord0. Qed.

Lemma integD P Q : integ (P + Q) = integ P + integ Q.
Proof.
set N := maxn (size P) (size Q).
rewrite !(integE (N:=N)) ?leq_maxl ?leq_maxr ?(leq_trans (size_add P Q)) // -big_split.
by apply: eq_bigr => i _; rewrite coefD mulrDl.
Qed.

Lemma integZ c P : integ (c *: P) = c * integ P.
Proof.
rewrite !(integE (N:=size P)) ?size_scale_leq // mulr_sumr.
by apply: eq_bigr => i _; rewrite coefZ mulrA.
Qed.

Lemma integB P Q : integ (P - Q) = integ P - integ Q.
Proof. by rewrite -scaleN1r integD integZ mulN1r. Qed.

Lemma integ_sum (I : finType) (F : I -> {poly R}) : integ (\sum_i F i) = \sum_i integ (F i).
Proof. exact: (big_morph integ integD integ0). Qed.

Lemma integ_monom c j : integ (c *: 'X^j) = c / (j.+1)%:R.
Proof.
rewrite (integE (N:=j.+1)) ?(leq_trans (size_scale_leq _ _)) ?size_polyXn //.
rewrite big_ord_recr /= big1 ?add0r => [|i _]; rewrite coefZ coefXn ?eqxx ?mulr1 //.
by rewrite (ltn_eqF (ltn_ord i)) mulr0 mul0r.
Qed.

(** The quadratic form of [integ ((a + b X)^2 X^m)] is positive semidefinite. *)
Lemma quad_ge0 (a b : R) m :
  0 <= a * a / (m.+1)%:R + a * b *+ 2 / (m.+2)%:R + b * b / (m.+3)%:R.
Proof.
pose t : R := m%:R.
have e1 : (m.+1)%:R = t + 1 by rewrite /t -addn1 natrD.
have e2 : (m.+2)%:R = t + 2 by rewrite /t -addn2 natrD.
have e3 : (m.+3)%:R = t + 3 by rewrite /t -addn3 natrD.
have t0 : 0 <= t by rewrite ler0n.
have p1 : 0 < t + 1 by rewrite -e1 ltr0n.
have p2 : 0 < t + 2 by rewrite -e2 ltr0n.
have p3 : 0 < t + 3 by rewrite -e3 ltr0n.
rewrite e1 e2 e3.
have -> : a * a / (t + 1) + a * b *+ 2 / (t + 2) + b * b / (t + 3)
  = (t + 1)^-1 * (a + b * (t + 1) / (t + 2)) ^+ 2 + b ^+ 2 / ((t + 3) * (t + 2) ^+ 2).
  by field; rewrite !lt0r_neq0.
apply: addr_ge0; first by rewrite mulr_ge0 ?sqr_ge0 ?invr_ge0 ?Order.POrderTheory.ltW.
by rewrite mulr_ge0 ?sqr_ge0 // invr_ge0 mulr_ge0 ?exprn_ge0 ?Order.POrderTheory.ltW.
Qed.

Lemma integ_sq_monom (a b : R) m : 0 <= integ ((a%:P + b%:P * 'X) ^+ 2 * 'X^m).
Proof.
have -> : (a%:P + b%:P * 'X) ^+ 2 * 'X^m
    = (a * a) *: 'X^m + (a * b *+ 2) *: 'X^m.+1 + (b * b) *: 'X^m.+2.
  by rewrite -!mul_polyC !polyCM polyCMn !exprS; ring.
by rewrite !integD !integ_monom; exact: quad_ge0.
Qed.

(** The deviation payoff's closed form is [integ] of a power of a linear polynomial. *)
Lemma closed_form_integ k (a b : R) :
  \sum_(j < k.+1) ('C(k, j))%:R * (b ^+ j * a ^+ (k - j)) / (j.+1)%:R
  = integ ((a%:P + b%:P * 'X) ^+ k).
Proof.
rewrite exprDn integ_sum; apply: eq_bigr => j _.
rewrite exprMn -!polyC_exp [_%:P * (_ * _)]mulrA -polyCM mul_polyC scalerMnl integ_monom.
have -> : a ^+ (k - j) * b ^+ j *+ 'C(k, j) = ('C(k, j))%:R * (b ^+ j * a ^+ (k - j)).
  by rewrite mulrC -mulr_natl.
by [].
Qed.

(** Polynomials with nonnegative coefficients. *)
Definition nncoef P := forall i, 0 <= P`_i.

Lemma nncoefD P Q : nncoef P -> nncoef Q -> nncoef (P + Q).
Proof. by move=> p q i; rewrite coefD addr_ge0. Qed.

Lemma nncoefM P Q : nncoef P -> nncoef Q -> nncoef (P * Q).
Proof. by move=> p q i; rewrite coefM sumr_ge0 // => j _; rewrite mulr_ge0. Qed.

Lemma nncoefC c : 0 <= c -> nncoef c%:P.
Proof. by move=> c0 i; rewrite coefC; case: (i == 0)%N. Qed.

Lemma nncoefX : nncoef 'X.
Proof. by move=> i; rewrite coefX ler0n. Qed.

Lemma nncoefXn P j : nncoef P -> nncoef (P ^+ j).
Proof.
move=> p; elim: j => [|j IH]; first by rewrite expr0 -polyC1; exact: nncoefC ler01.
by rewrite exprS; exact: nncoefM.
Qed.

Lemma nncoef_sum (I : finType) (F : I -> {poly R}) : (forall i, nncoef (F i)) ->
  nncoef (\sum_i F i).
Proof. by move=> f j; rewrite coef_sum; apply: sumr_ge0 => i _; exact: f. Qed.

Lemma nncoef_lin (a b : R) : 0 <= a -> 0 <= b -> nncoef (a%:P + b%:P * 'X).
Proof. by move=> a0 b0; apply: nncoefD; [exact: nncoefC | apply: nncoefM; [exact: nncoefC | exact: nncoefX]]. Qed.

(** [integ] is nonnegative on a square of a linear polynomial times nonnegative coefficients. *)
Lemma integ_sq_ge0 (a b : R) H : nncoef H -> 0 <= integ ((a%:P + b%:P * 'X) ^+ 2 * H).
Proof.
move=> h; rewrite -[H]coefK poly_def mulr_sumr integ_sum sumr_ge0 // => i _.
by rewrite -scalerAr integZ mulr_ge0 ?integ_sq_monom.
Qed.

End Integ.

Section Jensen.

Variable R : realFieldType.
Variable T : nat.
Hypothesis T_gt0 : (0 < T)%N.
Variables (A B : 'I_T -> R).
Hypotheses (A0 : forall t, 0 <= A t) (B0 : forall t, 0 <= B t).

Definition lin (a b : R) : {poly R} := a%:P + b%:P * 'X.
Definition avg (f : 'I_T -> R) : R := T%:R^-1 * \sum_t f t.

Lemma avg_ge0 (f : 'I_T -> R) : (forall t, 0 <= f t) -> 0 <= avg f.
Proof. by move=> f0; rewrite mulr_ge0 ?invr_ge0 ?ler0n // sumr_ge0. Qed.

Lemma sum_dev_avg (f : 'I_T -> R) : \sum_t (f t - avg f) = 0.
Proof.
by rewrite sumrB sumr_const card_ord /avg -mulrnAl -mulr_natr mulVf ?mul1r ?subrr // pnatr_eq0 -lt0n.
Qed.

Lemma sum_lin (a b : 'I_T -> R) : \sum_t lin (a t) (b t) = lin (\sum_t a t) (\sum_t b t).
Proof.
rewrite /lin big_split /= -mulr_suml.
by rewrite !(big_morph polyC (@polyCD _) (@polyC0 _)).
Qed.

(** Jensen's inequality for [integ ((a + b X)^k)] on nonnegative [(a, b)]. *)
Lemma integ_jensen k :
  integ (lin (avg A) (avg B) ^+ k) <= T%:R^-1 * \sum_t integ (lin (A t) (B t) ^+ k).
Proof.
set y := lin (avg A) (avg B); set c := y ^+ k.-1 *+ k.
have y0 : nncoef y by apply: nncoef_lin; apply: avg_ge0.
have key t : integ (c * (lin (A t) (B t) - y))
             <= integ (lin (A t) (B t) ^+ k) - integ (y ^+ k).
  rewrite -subr_ge0 -!integB (tangent_identity (lin (A t) (B t)) y k).
  have -> : lin (A t) (B t) - y = lin (A t - avg A) (B t - avg B).
    by rewrite /y /lin !polyCB; ring.
  apply: integ_sq_ge0; apply: nncoef_sum => i; apply: nncoefM; first exact: nncoefXn.
  apply: nncoef_sum => j; apply: nncoefM; apply: nncoefXn => //; exact: nncoef_lin.
have sum0 : \sum_t (lin (A t) (B t) - y) = 0.
  have -> : \sum_t (lin (A t) (B t) - y) = \sum_t lin (A t - avg A) (B t - avg B).
    by apply: eq_bigr => t _; rewrite /y /lin !polyCB; ring.
  by rewrite sum_lin !sum_dev_avg /lin mul0r addr0.
have : \sum_t integ (c * (lin (A t) (B t) - y))
       <= \sum_t (integ (lin (A t) (B t) ^+ k) - integ (y ^+ k)).
  by apply: ler_sum => t _; exact: key.
rewrite -integ_sum -mulr_sumr sum0 mulr0 integ0 sumrB sumr_const card_ord subr_ge0 => le.
have Tpos : 0 < T%:R :> R by rewrite ltr0n.
by rewrite -(ler_pmul2l Tpos) mulrA mulfV ?mul1r ?mulr_natl // lt0r_neq0.
Qed.

End Jensen.
