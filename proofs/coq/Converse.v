(** * The converse: on impartial culture no k-output policy beats k/(k+1) by more than
    (1/2 - 1/(k+1))/m, so no method beats k/(k+1) + eps on every instance.

    Impartial culture over [m] responses has one user type per strict order, a permutation
    [s] of ['I_m] (level [s y]), all with weight [1/m!]. The heart is symmetry: for a set [D]
    of responses and [a] in [D], the orders that put [a] first among [D] are [m!/|D|] in
    number, since a transposition maps those that put [a] first onto those that put [b]
    first. *)

From mathcomp Require Import all_ssreflect all_algebra fingroup perm.
From mathcomp.algebra_tactics Require Import ring.
From mathcomp Require Import zify.
From UAlign Require Import Model Statements Contest Sums Game Deviation NLHF.

Set Implicit Arguments.
Unset Strict Implicit.
Unset Printing Implicit Defensive.

Import GRing.Theory Num.Theory.
Local Open Scope ring_scope.

Section Symmetry.

Variable m : nat.
Implicit Types (D : {set 'I_m}) (s : {perm 'I_m}).

(** The orders that rank [a] first among [D]. *)
Definition first_in D (a : 'I_m) : {set {perm 'I_m}} :=
  [set s : {perm 'I_m} | [forall z in D, (s a <= s z)%N]].

Lemma first_in_move D a b : a \in D -> b \in D ->
  mulg (tperm a b) @: first_in D a \subset first_in D b.
Proof.
move=> aD bD; apply/subsetP => _ /imsetP[s sA ->]; rewrite inE.
apply/forall_inP => z zD; rewrite !permM tpermR.
have zD' : tperm a b z \in D by case: tpermP.
by move: sA; rewrite inE => /forall_inP; apply.
Qed.

Lemma card_first_in D a b : a \in D -> b \in D -> #|first_in D a| = #|first_in D b|.
Proof.
have le x y : x \in D -> y \in D -> (#|first_in D x| <= #|first_in D y|)%N.
  move=> xD yD; rewrite -(card_imset _ (mulgI (tperm x y))).
  exact: subset_leq_card (first_in_move xD yD).
by move=> aD bD; apply/eqP; rewrite eqn_leq !le.
Qed.

(** Every order ranks exactly one element of a nonempty [D] first. *)
Lemma first_in_unique D s a0 : a0 \in D ->
  (\sum_(a in D) (s \in first_in D a))%N = 1%N.
Proof.
move=> a0D; case: (@arg_minnP _ a0 (mem D) (fun z => s z) a0D) => b bD min.
rewrite (bigD1 b) //= big1 ?addn0 => [|a /andP[aD ab]].
  by rewrite inE; have -> // : [forall (z | z \in D), (s b <= s z)%N] by apply/forall_inP.
have -> // : (s \in first_in D a) = false.
apply/negP; rewrite inE => /forall_inP/(_ b bD) sab.
have : s a = s b by apply/val_inj/eqP; rewrite eqn_leq sab min.
by move/perm_inj/eqP; rewrite (negbTE ab).
Qed.

(** So each element of [D] is ranked first by [m!/|D|] orders. *)
Lemma card_first_in_mul D a : a \in D -> (#|first_in D a| * #|D|)%N = m`!.
Proof.
move=> aD; rewrite -card_Sn mulnC -sum_nat_const.
rewrite (eq_bigr (fun b => #|first_in D b|)) => [|b bD]; last exact: card_first_in.
under eq_bigr do rewrite -sum1_card big_mkcond /=.
rewrite exchange_big /= -sum1_card; apply: eq_bigr => s _.
transitivity (\sum_(b in D) nat_of_bool (s \in first_in D b))%N.
  by apply: eq_bigr => b _; case: (_ \in _).
by have := first_in_unique s aD.
Qed.

End Symmetry.

(** ** The win rate of a joint policy against a single response *)

Section JointPoint.

Variable R : realFieldType.
Variable n : nat.
Variable U : finType.
Variable w : U -> R.
Variable lev : U -> 'I_n -> nat.

Lemma win_rate1_joint_point k (P : {ffun 'I_k -> 'I_n} -> R) y : profile w -> policy P ->
  win_rate1 w lev Share P (point R y)
  = 1 - \sum_S P S * (\sum_u w u * slot_share R lev u (cons_slot y S) ord0).
Proof.
move=> [_ w1] [_ P1]; rewrite /win_rate1 /win_rate.
transitivity (\sum_u w u * (\sum_(S : {ffun 'I_k -> 'I_n})
                 P S * (1 - slot_share R lev u (cons_slot y S) ord0))).
  apply: eq_bigr => u _; congr (_ * _); apply: eq_bigr => S _.
  rewrite sum_one (bigD1 y) // big1 ?addr0 => [|z zy].
    by rewrite product_one /point eqxx mulr1 /one Monoid.mulm1 wins_share_one.
  by rewrite product_one /point (negbTE zy) mulr0 mul0r.
under eq_bigr do under eq_bigr do rewrite mulrBr mulr1.
under eq_bigr do rewrite sumrB P1 mulrBr mulr1.
rewrite sumrB w1; congr (_ - _).
under [RHS]eq_bigr do rewrite mulr_sumr.
rewrite [RHS]exchange_big /=; apply: eq_bigr => u _; rewrite mulr_sumr.
by apply: eq_bigr => S _; ring.
Qed.

End JointPoint.

(** ** Impartial culture *)

Section Impartial.

Variable R : realFieldType.
Variable m : nat.

Local Notation w := (@impartial_w R m).
Local Notation lev := (@impartial_lev m).

Lemma impartial_profile : profile w.
Proof.
split=> [s|]; first by rewrite /impartial_w invr_ge0 ler0n.
by rewrite /impartial_w sumr_const card_Sn -[_ *+ _]mulr_natr mulVf // pnatr_eq0 -lt0n fact_gt0.
Qed.

Lemma impartial_lev_eq s z y : (lev s z == lev s y) = (z == y).
Proof. by rewrite /impartial_lev; apply/eqP/eqP => [/val_inj/perm_inj|->]. Qed.

(** The responses a k-tuple shows ([mult S y], in [Sums.v], counts its slots showing [y]). *)
Definition shown k (S : {ffun 'I_k -> 'I_m}) : {set 'I_m} := [set S i | i : 'I_k].

(** A single competitor [y] against the tuple [S]: its expected share over impartial culture
    is 1/(|{y} u shown S| (mult S y + 1)). *)
Lemma comp_mass k (S : {ffun 'I_k -> 'I_m}) y :
  \sum_s w s * slot_share R lev s (cons_slot y S) ord0
  = ((#|y |: shown S|)%:R * ((mult S y).+1)%:R)^-1.
Proof.
set D := y |: shown S.
have share s : slot_share R lev s (cons_slot y S) ord0
               = (s \in first_in D y)%:R / ((mult S y).+1)%:R.
  rewrite /Model.slot_share; case b0: (ord0 \in best lev s (cons_slot y S)).
    have -> : s \in first_in D y.
      rewrite inE; apply/forall_inP => z; rewrite in_setU1 => /orP[/eqP->//|/imsetP[i _ ->]].
      by move: b0; rewrite best_cons => /forallP; apply.
    rewrite (card_best_cons b0); congr (_ / (_.+1)%:R).
    by rewrite /count_in /mult; apply: eq_card => i; rewrite !inE impartial_lev_eq.
  have -> // : (s \in first_in D y) = false.
  apply/negP; rewrite inE => /forall_inP le; move: b0; rewrite best_cons.
  move/negbT/negP; apply; apply/forallP => i; apply: le.
  by rewrite /D in_setU1; apply/orP; right; apply/imsetP; exists i.
  by rewrite !mul0r.
under eq_bigr do rewrite share.
have yD : y \in D by rewrite in_setU1 eqxx.
have cardF := card_first_in_mul yD.
have -> : \sum_s w s * ((s \in first_in D y)%:R / ((mult S y).+1)%:R)
    = w 1%g * (#|first_in D y|%:R / ((mult S y).+1)%:R).
  rewrite -sum1_card natr_sum mulr_suml mulr_sumr [RHS]big_mkcond /=.
  by apply: eq_bigr => s _; case: (_ \in _); rewrite /impartial_w ?mul0r ?mulr0 ?mul1r.
have D0 : (0 < #|D|)%N by apply/card_gt0P; exists y.
have F0 : #|first_in D y|%:R = (m`!)%:R / #|D|%:R :> R.
  by rewrite -cardF natrM mulfK // pnatr_eq0 -lt0n.
rewrite F0 /impartial_w; field.
by rewrite -mulrS !pnatr_eq0 -!lt0n D0 fact_gt0.
Qed.

(** The tangent line of [1/(c+1)] at [c = 1]. *)
Lemma tangent_recip (c : nat) (D : R) : 0 < D ->
  (3%:R - c%:R) / (4%:R * D) <= (D * (c.+1)%:R)^-1.
Proof.
move=> D0; rewrite -subr_ge0 natrS1.
have c0 : 0 <= c%:R :> R by rewrite ler0n.
have c1 : c%:R + 1 != 0 :> R by rewrite -natrS1 pnatr_eq0.
have -> : (D * (c%:R + 1))^-1 - (3%:R - c%:R) / (4%:R * D)
    = (c%:R - 1) ^+ 2 / (4%:R * D * (c%:R + 1)).
  by field; rewrite c1 lt0r_neq0 // (_ : 4%:R = 4%:R :> R) // pnatr_eq0.
rewrite divr_ge0 ?sqr_ge0 // !mulr_ge0 ?ler0n ?Order.POrderTheory.ltW //.
by rewrite -natrS1 ltr0n.
Qed.

(** The arithmetic that closes the converse. *)
Lemma converse_arith (d k : nat) : (0 < d)%N -> (d <= k)%N -> (k <= m)%N ->
  (m%:R - k%:R) / (k.+1)%:R + 2^-1
  <= (m%:R - d%:R) / (d.+1)%:R + (3%:R * d%:R - k%:R) / (4%:R * d%:R) :> R.
Proof.
move=> d0 dk km.
have key : ((d.+1) * (k.+1) <= 4 * d * (m.+1))%N.
  apply: (@leq_trans ((d.+1) * (m.+1))); first by rewrite leq_mul2l ltnS km orbT.
  by rewrite leq_mul2r; apply/orP; right; lia.
move: key; rewrite -(ler_nat R) !natrM (natrS1 d) (natrS1 k) (natrS1 m) => key.
have D0 : 0 < d%:R :> R by rewrite ltr0n.
have Dk : d%:R <= k%:R :> R by rewrite ler_nat.
rewrite -subr_ge0.
have -> : (m%:R - d%:R) / (d%:R + 1) + (3%:R * d%:R - k%:R) / (4%:R * d%:R)
          - ((m%:R - k%:R) / (k%:R + 1) + 2^-1)
  = (k%:R - d%:R) * (4%:R * d%:R * (m%:R + 1) - (d%:R + 1) * (k%:R + 1))
    / (4%:R * d%:R * (d%:R + 1) * (k%:R + 1)) :> R.
  by field; rewrite -!natrS1 !pnatr_eq0 /= -lt0n d0.
have n0 (j : nat) : 0 <= j%:R + 1 :> R by rewrite addr_ge0 ?ler0n ?ler01.
apply: divr_ge0; first by apply: mulr_ge0; rewrite subr_ge0.
by rewrite !mulr_ge0 ?ler0n ?n0.
Qed.

(** The responses shown, with multiplicity, number [k]. *)
Lemma sum_mult k (S : {ffun 'I_k -> 'I_m}) : (\sum_(y in shown S) mult S y)%N = k.
Proof.
have all := sum_mult_all S.
rewrite -[RHS]all [RHS](bigID (mem (shown S))) /= [X in (_ + X)%N]big1 ?addn0 // => y yS.
apply/eqP; rewrite cards_eq0; apply/eqP/setP => i; rewrite !inE.
by apply/negbTE; apply: contraNN yS => /eqP <-; apply/imsetP; exists i.
Qed.

(** Summed over the [m] responses, the competitor's share of a k-tuple is at least
    (m-k)/(k+1) + 1/2. *)
Lemma comp_mass_sum k (S : {ffun 'I_k -> 'I_m}) : (0 < k)%N -> (k <= m)%N ->
  (m%:R - k%:R) / (k.+1)%:R + 2^-1
  <= \sum_y ((#|y |: shown S|)%:R * ((mult S y).+1)%:R)^-1 :> R.
Proof.
move=> k0 km; set d := #|shown S|.
have d0 : (0 < d)%N by apply/card_gt0P; exists (S (Ordinal k0)); apply/imsetP; exists (Ordinal k0).
have dk : (d <= k)%N by rewrite /d /shown (leq_trans (leq_imset_card _ _)) // card_ord.
have D0 : 0 < d%:R :> R by rewrite ltr0n.
apply: (Order.POrderTheory.le_trans (converse_arith d0 dk km)).
rewrite (bigID (mem (shown S))) /= [X in _ <= X]addrC; apply: ler_add.
  have -> : \sum_(y | y \notin shown S) ((#|y |: shown S|)%:R * ((mult S y).+1)%:R)^-1
            = \sum_(y in ~: shown S) (d.+1)%:R^-1 :> R.
    apply: eq_big => [y|y yS]; first by rewrite inE.
    rewrite cardsU1 yS /= add1n.
    have -> : mult S y = 0%N.
      apply/eqP; rewrite cards_eq0; apply/eqP/setP => i; rewrite !inE.
      by apply/negbTE; apply: contraNN yS => /eqP <-; apply/imsetP; exists i.
    by rewrite mulr1.
  have cC : #|~: shown S| = (m - d)%N by rewrite cardsCs setCK card_ord.
  rewrite sumr_const cC Order.POrderTheory.le_eqVlt; apply/orP; left; apply/eqP.
  by rewrite -[RHS]mulr_natl natrB ?(leq_trans dk km) // mulrC.
have -> : (3%:R * d%:R - k%:R) / (4%:R * d%:R)
          = \sum_(y in shown S) (3%:R - (mult S y)%:R) / (4%:R * d%:R) :> R.
  rewrite -mulr_suml sumrB sumr_const -natr_sum sum_mult -[in RHS]mulr_natr.
  by [].
apply: ler_sum => y yS; rewrite cardsU1 yS /= add0n; exact: tangent_recip.
Qed.

(** ** The ceiling: some pure competitor holds every joint k-output policy to
    k/(k+1) + (1/2 - 1/(k+1))/m. The m competitors' win rates sum to at most
    m - ((m-k)/(k+1) + 1/2), so the smallest is at most the average. *)
Lemma converse_ceiling k (P : {ffun 'I_k -> 'I_m} -> R) : (0 < k)%N -> (k <= m)%N ->
  policy P ->
  exists y, win_rate1 w lev Share P (point R y)
            <= k%:R / (k.+1)%:R + (2^-1 - (k.+1)%:R^-1) / m%:R.
Proof.
move=> k0 km PP; have m0 : (0 < m)%N by exact: leq_trans k0 km.
have [P0 P1] := PP.
pose W y := win_rate1 w lev Share P (point R y).
pose L : R := (m%:R - k%:R) / (k.+1)%:R + 2^-1.
have sumW : \sum_y W y <= m%:R - L.
  rewrite /W; under eq_bigr => y do rewrite (win_rate1_joint_point lev y impartial_profile PP).
  under eq_bigr do under eq_bigr do rewrite comp_mass.
  rewrite sumrB sumr_const card_ord -[(1 : R) *+ m]mulr_natl mulr1 ler_add2l ler_opp2.
  have -> : L = \sum_S P S * L by rewrite -mulr_suml P1 mul1r.
  rewrite exchange_big /=; apply: ler_sum => S _; rewrite -mulr_sumr.
  by apply: ler_wpmul2l; [exact: P0 | exact: comp_mass_sum].
have [y _ ymin] := @Order.TotalTheory.arg_minP _ _ _ (Ordinal m0) predT W isT.
exists y.
have mR : 0 < m%:R :> R by rewrite ltr0n.
rewrite -(ler_pmul2l mR).
have -> : m%:R * (k%:R / (k.+1)%:R + (2^-1 - (k.+1)%:R^-1) / m%:R) = m%:R - L.
  by rewrite /L; field; rewrite -mulrS !pnatr_eq0 -!lt0n m0.
apply: Order.POrderTheory.le_trans sumW.
have -> : m%:R * W y = \sum_(z < m) W y by rewrite sumr_const card_ord mulr_natl.
by apply: ler_sum => z _; exact: ymin.
Qed.

End Impartial.

(** ** The rate: for every k and eps > 0, impartial culture over enough responses leaves
    no k-output policy (k, k/(k+1) + eps)-robust. *)

Lemma impartial_converse_rate (R : archiFieldType) k (eps : R) : (0 < k)%N -> 0 < eps ->
  let m := maxn k (Num.bound eps^-1) in
  forall P : {ffun 'I_k -> 'I_m} -> R, policy P ->
    ~ robust (@impartial_w R m) (@impartial_lev m) Share P (k%:R / (k.+1)%:R + eps).
Proof.
move=> k0 e0 m P PP rob.
have km : (k <= m)%N by rewrite leq_maxl.
have m0 : (0 < m)%N by exact: leq_trans k0 km.
have [y ley] := converse_ceiling k0 km PP.
have := Order.POrderTheory.le_trans (rob _ (lottery_point R y)) ley.
rewrite ler_add2l; apply/negP; rewrite -Order.TotalTheory.ltNge.
have mR : 0 < m%:R :> R by rewrite ltr0n.
have big : eps^-1 < m%:R.
  have ei : 0 <= eps^-1 by rewrite invr_ge0 Order.POrderTheory.ltW.
  apply: Order.POrderTheory.lt_le_trans (archi_boundP ei) _.
  by rewrite ler_nat leq_maxr.
apply: (@Order.POrderTheory.le_lt_trans _ _ (m%:R^-1)).
  rewrite -[X in _ <= X]mul1r ler_pmul2r ?invr_gt0 // ler_subl_addr ler_paddr ?invr_ge0 ?ler0n //.
  by rewrite invf_le1 ?ltr0n // ler1n.
by rewrite -[eps]invrK ltf_pinv ?posrE ?invr_gt0.
Qed.
