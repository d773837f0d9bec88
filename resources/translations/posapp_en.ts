<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en" sourcelanguage="pt_BR">
  <context>
    <name>AdjustBalanceDialog</name>
    <message>
      <location filename="../../posapp/ui/customers/dialogs.py" line="152" />
      <source>Ajustar saldo</source>
      <translation>Adjust balance</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/dialogs.py" line="155" />
      <source>Crédito (somar)</source>
      <translation>Credit (add)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/dialogs.py" line="156" />
      <source>Débito (tirar)</source>
      <translation>Debit (take away)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/dialogs.py" line="165" />
      <source>pontos</source>
      <translation>points</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/dialogs.py" line="167" />
      <source>ex.: compra não registrada no dia 10</source>
      <translation>e.g. purchase not recorded on the 10th</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/dialogs.py" line="169" />
      <source>Tipo</source>
      <translation>Type</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/dialogs.py" line="170" />
      <source>Pontos</source>
      <translation>Points</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/dialogs.py" line="170" />
      <source>Valor</source>
      <translation>Amount</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/dialogs.py" line="171" />
      <source>Motivo</source>
      <translation>Reason</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/dialogs.py" line="175" />
      <source>Continuar</source>
      <translation>Continue</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/dialogs.py" line="177" />
      <source>Cancelar</source>
      <translation>Cancel</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/dialogs.py" line="193" />
      <source>Informe um valor maior que zero.</source>
      <translation>Enter an amount greater than zero.</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/dialogs.py" line="196" />
      <source>Informe o motivo do ajuste.</source>
      <translation>Enter the reason for the adjustment.</translation>
    </message>
  </context>
  <context>
    <name>CartModel</name>
    <message>
      <location filename="../../posapp/ui/sale/cart_model.py" line="104" />
      <source>Descrição</source>
      <translation>Description</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/cart_model.py" line="105" />
      <source>Qtd</source>
      <translation>Qty</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/cart_model.py" line="106" />
      <source>Preço unit.</source>
      <translation>Unit price</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/cart_model.py" line="107" />
      <source>Desconto</source>
      <translation>Discount</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/cart_model.py" line="108" />
      <source>Total</source>
      <translation>Total</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/cart_model.py" line="109" />
      <source>Profissional</source>
      <translation>Professional</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/cart_model.py" line="140" />
      <source>Escolha quem fez o serviço</source>
      <translation>Choose who performed the service</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/cart_model.py" line="166" />
      <source>(escolher)</source>
      <translation>(choose)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/cart_model.py" line="224" />
      <source>Quantidade inválida: %1. Use um número inteiro maior que zero.</source>
      <translation>Invalid quantity: %1. Use a whole number greater than zero.</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/cart_model.py" line="227" />
      <source>Desconto inválido: %1.</source>
      <translation>Invalid discount: %1.</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/cart_model.py" line="229" />
      <source>Preço inválido: %1.</source>
      <translation>Invalid price: %1.</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/cart_model.py" line="230" />
      <source>Valor inválido: %1.</source>
      <translation>Invalid amount: %1.</translation>
    </message>
  </context>
  <context>
    <name>CustomerPickerDialog</name>
    <message>
      <location filename="../../posapp/ui/sale/customer_dialogs.py" line="76" />
      <source>Cliente</source>
      <translation>Customer</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/customer_dialogs.py" line="79" />
      <source>CPF, celular ou nome do cliente:</source>
      <translation>Customer's CPF, mobile number or name:</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/customer_dialogs.py" line="91" />
      <source>Cadastrar novo cliente</source>
      <translation>Enrol a new customer</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/customer_dialogs.py" line="131" />
      <source>Nenhum cliente encontrado. Cadastre um novo.</source>
      <translation>No customer found. Enrol a new one.</translation>
    </message>
  </context>
  <context>
    <name>CustomerTableModel</name>
    <message>
      <location filename="../../posapp/ui/customer_table.py" line="80" />
      <source>Nome</source>
      <translation>Name</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customer_table.py" line="81" />
      <source>CPF / Celular</source>
      <translation>CPF / Mobile</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customer_table.py" line="82" />
      <source>Saldo</source>
      <translation>Balance</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customer_table.py" line="83" />
      <source>A liberar</source>
      <translation>Pending</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customer_table.py" line="84" />
      <source>Vence em 30 dias</source>
      <translation>Expires in 30 days</translation>
    </message>
  </context>
  <context>
    <name>CustomersScreen</name>
    <message>
      <location filename="../../posapp/ui/customers/screen.py" line="100" />
      <source>Clientes</source>
      <translation>Customers</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/screen.py" line="102" />
      <source>Buscar por nome, CPF ou celular</source>
      <translation>Search by name, CPF or mobile number</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/screen.py" line="156" />
      <source>Escolha um cliente na lista</source>
      <translation>Choose a customer from the list</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/screen.py" line="158" />
      <source>Programa: %1</source>
      <translation>Program: %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/screen.py" line="182" />
      <source>CPF</source>
      <translation>CPF</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/screen.py" line="183" />
      <source>Celular</source>
      <translation>Mobile</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/screen.py" line="184" />
      <source>E-mail</source>
      <translation>E-mail</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/screen.py" line="185" />
      <source>Aniversário</source>
      <translation>Birthday</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/screen.py" line="186" />
      <source>Ofertas e lembretes</source>
      <translation>Offers and reminders</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/screen.py" line="187" />
      <source>Indicado por</source>
      <translation>Referred by</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/screen.py" line="203" />
      <source>Saldo disponível</source>
      <translation>Available balance</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/screen.py" line="204" />
      <source>A liberar</source>
      <translation>Pending</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/screen.py" line="205" />
      <source>Vence em 30 dias</source>
      <translation>Expires in 30 days</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/screen.py" line="215" />
      <source>Editar dados</source>
      <translation>Edit details</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/screen.py" line="216" />
      <source>Imprimir saldo</source>
      <translation>Print balance</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/screen.py" line="217" />
      <source>Ajustar saldo</source>
      <translation>Adjust balance</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/screen.py" line="218" />
      <source>Só com a senha de um gerente</source>
      <translation>Needs a manager's PIN</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/screen.py" line="234" />
      <source>Histórico</source>
      <translation>History</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/screen.py" line="235" />
      <source>Vales</source>
      <translation>Vouchers</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/screen.py" line="236" />
      <source>Indicações</source>
      <translation>Referrals</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/screen.py" line="268" />
      <source>Nenhum cliente encontrado</source>
      <translation>No customer found</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/screen.py" line="270" />
      <source>1 cliente encontrado</source>
      <translation>1 customer found</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/screen.py" line="274" />
      <source>%1 clientes encontrados</source>
      <translation>%1 customers found</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/screen.py" line="297" />
      <source>Código de indicação: %1 · cliente desde %2</source>
      <translation>Referral code: %1 · customer since %2</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/screen.py" line="306" />
      <source>sim, desde %1</source>
      <translation>yes, since %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/screen.py" line="310" />
      <source>não</source>
      <translation>no</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/screen.py" line="318" />
      <source>%1 pontos (%2)</source>
      <translation>%1 points (%2)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/screen.py" line="330" />
      <source>Vales (%1)</source>
      <translation>Vouchers (%1)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/screen.py" line="333" />
      <source>Indicações (%1)</source>
      <translation>Referrals (%1)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/screen.py" line="355" />
      <source>Dados do cliente salvos</source>
      <translation>Customer details saved</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/screen.py" line="361" />
      <location filename="../../posapp/ui/customers/screen.py" line="435" />
      <source>Entre com seu PIN primeiro.</source>
      <translation>Sign in with your PIN first.</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/screen.py" line="391" />
      <source>Imprimindo o saldo…</source>
      <translation>Printing the balance…</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/screen.py" line="400" />
      <source>Saldo impresso</source>
      <translation>Balance printed</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/screen.py" line="405" />
      <location filename="../../posapp/ui/customers/screen.py" line="413" />
      <source>Não imprimiu: %1 (o saldo ficou na fila)</source>
      <translation>Not printed: %1 (the slip is waiting in the queue)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/screen.py" line="437" />
      <source>ajustar o saldo de %1</source>
      <translation>adjust the balance of %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/screen.py" line="439" />
      <source>Ajuste cancelado</source>
      <translation>Adjustment cancelled</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/screen.py" line="454" />
      <source>Saldo ajustado</source>
      <translation>Balance adjusted</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/screen.py" line="466" />
      <source>Cupom da venda #%1</source>
      <translation>Receipt of sale #%1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/screen.py" line="469" />
      <source>Abrindo o cupom…</source>
      <translation>Opening the receipt…</translation>
    </message>
  </context>
  <context>
    <name>EditCustomerDialog</name>
    <message>
      <location filename="../../posapp/ui/customers/dialogs.py" line="75" />
      <source>Editar cliente</source>
      <translation>Edit customer</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/dialogs.py" line="90" />
      <source>dd/mm/aaaa</source>
      <translation>dd/mm/yyyy</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/dialogs.py" line="92" />
      <source>Aceita receber ofertas e lembretes de saldo (LGPD)</source>
      <translation>Agrees to receive offers and balance reminders (LGPD)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/dialogs.py" line="96" />
      <source>Nome</source>
      <translation>Name</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/dialogs.py" line="97" />
      <source>CPF</source>
      <translation>CPF</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/dialogs.py" line="98" />
      <source>Celular</source>
      <translation>Mobile</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/dialogs.py" line="99" />
      <source>E-mail</source>
      <translation>E-mail</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/dialogs.py" line="100" />
      <source>Aniversário</source>
      <translation>Birthday</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/dialogs.py" line="107" />
      <source>Salvar</source>
      <translation>Save</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/dialogs.py" line="110" />
      <source>Cancelar</source>
      <translation>Cancel</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/dialogs.py" line="132" />
      <source>Informe o nome.</source>
      <translation>Enter the name.</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/dialogs.py" line="137" />
      <source>Aniversário inválido: use dd/mm/aaaa.</source>
      <translation>Invalid birthday: use dd/mm/yyyy.</translation>
    </message>
  </context>
  <context>
    <name>EnrolDialog</name>
    <message>
      <location filename="../../posapp/ui/sale/customer_dialogs.py" line="170" />
      <source>Cadastrar cliente</source>
      <translation>Enrol customer</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/customer_dialogs.py" line="182" />
      <source>Aceita receber mensagens (WhatsApp/SMS/e-mail)</source>
      <translation>Agrees to receive messages (WhatsApp/SMS/e-mail)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/customer_dialogs.py" line="186" />
      <source>opcional</source>
      <translation>optional</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/customer_dialogs.py" line="187" />
      <source>CPF</source>
      <translation>CPF</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/customer_dialogs.py" line="188" />
      <source>Celular</source>
      <translation>Mobile</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/customer_dialogs.py" line="189" />
      <source>Nome</source>
      <translation>Name</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/customer_dialogs.py" line="191" />
      <source>Código de quem indicou</source>
      <translation>Referrer's code</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/customer_dialogs.py" line="216" />
      <source>Informe o nome do cliente.</source>
      <translation>Enter the customer's name.</translation>
    </message>
  </context>
  <context>
    <name>HistoryTableModel</name>
    <message>
      <location filename="../../posapp/ui/customers/models.py" line="132" />
      <source>Data</source>
      <translation>Date</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/models.py" line="133" />
      <source>Movimento</source>
      <translation>Movement</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/models.py" line="134" />
      <source>Valor</source>
      <translation>Amount</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/models.py" line="135" />
      <source>Venda</source>
      <translation>Sale</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/models.py" line="136" />
      <source>Vale</source>
      <translation>Voucher</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/models.py" line="137" />
      <source>Observação</source>
      <translation>Note</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/models.py" line="159" />
      <source>Clique duas vezes para ver o cupom da venda</source>
      <translation>Double-click to see the sale's receipt</translation>
    </message>
  </context>
  <context>
    <name>Ledger</name>
    <message>
      <location filename="../../posapp/ui/customers/models.py" line="31" />
      <source>Cashback ganho</source>
      <translation>Cashback earned</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/models.py" line="32" />
      <source>Cashback usado</source>
      <translation>Cashback spent</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/models.py" line="33" />
      <source>Vencimento</source>
      <translation>Expiry</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/models.py" line="34" />
      <source>Estorno de cashback</source>
      <translation>Cashback reversed</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/models.py" line="35" />
      <source>Cashback devolvido</source>
      <translation>Cashback given back</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/models.py" line="36" />
      <source>Ajuste manual</source>
      <translation>Manual adjustment</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/models.py" line="37" />
      <source>Bônus de indicação</source>
      <translation>Referral bonus</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/models.py" line="38" />
      <source>Vale emitido</source>
      <translation>Voucher issued</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/models.py" line="39" />
      <source>Vale usado</source>
      <translation>Voucher used</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/models.py" line="40" />
      <source>Vale devolvido</source>
      <translation>Voucher given back</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/models.py" line="41" />
      <source>Troco de vale</source>
      <translation>Voucher change</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/models.py" line="42" />
      <source>Vale cancelado</source>
      <translation>Voucher cancelled</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/models.py" line="49" />
      <source>Disponível</source>
      <translation>Available</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/models.py" line="50" />
      <source>Usado</source>
      <translation>Used</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/models.py" line="51" />
      <source>Vencido</source>
      <translation>Expired</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/models.py" line="52" />
      <source>Cancelado</source>
      <translation>Cancelled</translation>
    </message>
  </context>
  <context>
    <name>ManagerPinDialog</name>
    <message>
      <location filename="../../posapp/ui/dialogs/manager_pin.py" line="18" />
      <source>Autorização do gerente</source>
      <translation>Manager's authorization</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/dialogs/manager_pin.py" line="21" />
      <source>Senha do gerente para: %1</source>
      <translation>Manager's PIN to: %1</translation>
    </message>
  </context>
  <context>
    <name>ParkedDialog</name>
    <message>
      <location filename="../../posapp/ui/sale/parked_dialog.py" line="36" />
      <source>Vendas estacionadas</source>
      <translation>Parked sales</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/parked_dialog.py" line="39" />
      <source>Escolha a venda para recuperar:</source>
      <translation>Choose the sale to recall:</translation>
    </message>
    <message numerus="yes">
      <location filename="../../posapp/ui/sale/parked_dialog.py" line="45" />
      <source>%n item(ns)</source>
      <translation>
        <numerusform>%n item</numerusform>
        <numerusform>%n items</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>PaymentDialog</name>
    <message>
      <location filename="../../posapp/ui/sale/payment_dialog.py" line="65" />
      <source>Pagamento</source>
      <translation>Payment</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/payment_dialog.py" line="69" />
      <source>Total: %1</source>
      <translation>Total: %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/payment_dialog.py" line="79" />
      <source>Cashback (até %1)</source>
      <translation>Cashback (up to %1)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/payment_dialog.py" line="82" />
      <source>Cashback</source>
      <translation>Cashback</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/payment_dialog.py" line="87" />
      <source>código ou QR do vale</source>
      <translation>voucher code or QR</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/payment_dialog.py" line="90" />
      <source>Vale</source>
      <translation>Voucher</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/payment_dialog.py" line="96" />
      <source>Dinheiro</source>
      <translation>Cash</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/payment_dialog.py" line="97" />
      <source>Débito</source>
      <translation>Debit card</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/payment_dialog.py" line="98" />
      <source>Crédito</source>
      <translation>Credit card</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/payment_dialog.py" line="99" />
      <source>PIX</source>
      <translation>PIX</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/payment_dialog.py" line="109" />
      <source>Restante em %1</source>
      <translation>Rest in %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/payment_dialog.py" line="127" />
      <source>Esc Voltar</source>
      <translation>Esc Back</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/payment_dialog.py" line="129" />
      <location filename="../../posapp/ui/sale/payment_dialog.py" line="263" />
      <source>F10 Finalizar</source>
      <translation>F10 Finish</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/payment_dialog.py" line="183" />
      <location filename="../../posapp/ui/sale/payment_dialog.py" line="197" />
      <location filename="../../posapp/ui/sale/payment_dialog.py" line="254" />
      <source>Valor inválido: %1</source>
      <translation>Invalid amount: %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/payment_dialog.py" line="186" />
      <source>Falta: %1</source>
      <translation>Due: %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/payment_dialog.py" line="188" />
      <source>Troco: %1</source>
      <translation>Change: %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/payment_dialog.py" line="190" />
      <source>Pagamento completo</source>
      <translation>Fully paid</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/payment_dialog.py" line="219" />
      <source>Vale %1: %2</source>
      <translation>Voucher %1: %2</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/payment_dialog.py" line="263" />
      <source>Finalizando…</source>
      <translation>Finishing…</translation>
    </message>
  </context>
  <context>
    <name>PinPad</name>
    <message>
      <location filename="../../posapp/ui/signin.py" line="66" />
      <source>PIN</source>
      <translation>PIN</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/signin.py" line="74" />
      <source>Limpar</source>
      <translation>Clear</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/signin.py" line="76" />
      <source>Entrar</source>
      <translation>Sign in</translation>
    </message>
  </context>
  <context>
    <name>ProfessionalDelegate</name>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="86" />
      <source>(ninguém)</source>
      <translation>(nobody)</translation>
    </message>
  </context>
  <context>
    <name>ReceiptPreviewDialog</name>
    <message>
      <location filename="../../posapp/ui/customers/dialogs.py" line="217" />
      <source>Fechar</source>
      <translation>Close</translation>
    </message>
  </context>
  <context>
    <name>ReferralTableModel</name>
    <message>
      <location filename="../../posapp/ui/customers/models.py" line="200" />
      <source>Cliente indicado</source>
      <translation>Referred customer</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/models.py" line="201" />
      <source>Cadastro</source>
      <translation>Enrolled</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/models.py" line="202" />
      <source>Compras</source>
      <translation>Purchases</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/models.py" line="203" />
      <source>Bônus recebido</source>
      <translation>Bonus received</translation>
    </message>
  </context>
  <context>
    <name>ReturnItemsDialog</name>
    <message>
      <location filename="../../posapp/ui/sales/dialogs.py" line="51" />
      <source>Devolver itens da venda nº %1</source>
      <translation>Return items of sale no. %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/dialogs.py" line="60" />
      <source>Item</source>
      <translation>Item</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/dialogs.py" line="60" />
      <source>Vendidos</source>
      <translation>Sold</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/dialogs.py" line="60" />
      <source>Já devolvidos</source>
      <translation>Already returned</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/dialogs.py" line="60" />
      <source>Devolver</source>
      <translation>Return</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/dialogs.py" line="74" />
      <source>Tudo o que falta</source>
      <translation>Everything left</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/dialogs.py" line="77" />
      <source>ex.: produto com defeito</source>
      <translation>e.g. faulty product</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/dialogs.py" line="80" />
      <source>Motivo</source>
      <translation>Reason</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/dialogs.py" line="84" />
      <source>Continuar</source>
      <translation>Continue</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/dialogs.py" line="87" />
      <source>Cancelar</source>
      <translation>Cancel</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/dialogs.py" line="108" />
      <source>Escolha ao menos um item para devolver.</source>
      <translation>Choose at least one item to return.</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/dialogs.py" line="111" />
      <source>Informe o motivo.</source>
      <translation>Enter a reason.</translation>
    </message>
  </context>
  <context>
    <name>Roles</name>
    <message>
      <location filename="../../posapp/ui/signin.py" line="46" />
      <source>Administração</source>
      <translation>Administrator</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/signin.py" line="47" />
      <source>Gerente</source>
      <translation>Manager</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/signin.py" line="48" />
      <source>Caixa</source>
      <translation>Cashier</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/signin.py" line="49" />
      <source>Profissional</source>
      <translation>Professional</translation>
    </message>
  </context>
  <context>
    <name>SaleLinesModel</name>
    <message>
      <location filename="../../posapp/ui/sales/models.py" line="164" />
      <source>Descrição</source>
      <translation>Description</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/models.py" line="165" />
      <source>Qtd</source>
      <translation>Qty</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/models.py" line="166" />
      <source>Devolvidos</source>
      <translation>Returned</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/models.py" line="167" />
      <source>Valor</source>
      <translation>Amount</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/models.py" line="168" />
      <source>Profissional</source>
      <translation>Professional</translation>
    </message>
  </context>
  <context>
    <name>SaleScreen</name>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="170" />
      <source>Código de barras, SKU ou nome — Enter</source>
      <translation>Barcode, SKU or name — Enter</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="174" />
      <source>Buscar pelo nome</source>
      <translation>Search by name</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="242" />
      <source>Tirar cliente</source>
      <translation>Remove customer</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="246" />
      <source>F9 Cadastrar</source>
      <translation>F9 Enrol</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="271" />
      <source>F2 Cliente</source>
      <translation>F2 Customer</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="272" />
      <source>F3 Buscar</source>
      <translation>F3 Search</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="273" />
      <source>F4 Desconto</source>
      <translation>F4 Discount</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="274" />
      <source>F5 Estacionar</source>
      <translation>F5 Park</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="275" />
      <source>F6 Recuperar</source>
      <translation>F6 Recall</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="276" />
      <source>F7 Reimprimir</source>
      <translation>F7 Reprint</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="277" />
      <source>F8 Cancelar venda</source>
      <translation>F8 Cancel sale</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="278" />
      <source>Del Remover</source>
      <translation>Del Remove</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="279" />
      <source>F10 Pagar</source>
      <translation>F10 Pay</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="352" />
      <source>Entre com seu PIN para vender.</source>
      <translation>Sign in with your PIN to sell.</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="408" />
      <source>Código %1 não cadastrado. Busque o produto pelo nome (F3).</source>
      <translation>Code %1 is not in the catalogue. Search for the product by name (F3).</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="420" />
      <source>%1 — %2</source>
      <translation>%1 — %2</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="430" />
      <source>Digite parte do nome do produto ou serviço e tecle Enter.</source>
      <translation>Type part of the product's or service's name and press Enter.</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="442" />
      <source>serviço</source>
      <translation>service</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="442" />
      <source>produto</source>
      <translation>product</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="450" />
      <source>%1 resultado(s) para “%2”: escolha com ↓ e Enter.</source>
      <translation>%1 result(s) for “%2”: choose with ↓ and Enter.</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="455" />
      <source>Nada encontrado para “%1”.</source>
      <translation>Nothing found for “%1”.</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="476" />
      <source>Removido: %1</source>
      <translation>Removed: %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="481" />
      <source>Nenhum item para dar desconto.</source>
      <translation>No item to discount.</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="540" />
      <location filename="../../posapp/ui/sale/screen.py" line="543" />
      <source>Total: %1</source>
      <translation>Total: %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="546" />
      <source>Subtotal %1 · Descontos %2 · </source>
      <translation>Subtotal %1 · Discounts %2 · </translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="583" />
      <location filename="../../posapp/ui/sale/screen.py" line="780" />
      <source>Cliente: %1</source>
      <translation>Customer: %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="611" />
      <source>Sem cliente (F2 para identificar)</source>
      <translation>No customer (F2 to identify)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="621" />
      <source>Saldo disponível: %1</source>
      <translation>Available balance: %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="627" />
      <source>A liberar: %1</source>
      <translation>Pending: %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="631" />
      <source>Vence em breve: %1</source>
      <translation>Expiring soon: %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="642" />
      <source>Vale %1: %2 (até %3)</source>
      <translation>Voucher %1: %2 (until %3)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="648" />
      <source>Nenhum vale em aberto</source>
      <translation>No open vouchers</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="650" />
      <source>Carregando saldo…</source>
      <translation>Loading balance…</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="654" />
      <location filename="../../posapp/ui/sale/screen.py" line="663" />
      <source>%1 pontos</source>
      <translation>%1 points</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="658" />
      <source>Esta compra rende: %1</source>
      <translation>This purchase earns: %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="671" />
      <source>A venda não tem itens.</source>
      <translation>The sale has no items.</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="681" />
      <source>Escolha o profissional de “%1” (coluna Profissional).</source>
      <translation>Choose the professional for “%1” (Professional column).</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="753" />
      <source>Venda nº %1 concluída: %2</source>
      <translation>Sale no. %1 completed: %2</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="756" />
      <source>Troco: %1</source>
      <translation>Change: %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="771" />
      <source>Venda nº %1</source>
      <translation>Sale no. %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="774" />
      <source>TOTAL %1</source>
      <translation>TOTAL %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="778" />
      <source>Troco %1</source>
      <translation>Change %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="783" />
      <source>Pontos ganhos</source>
      <translation>Points earned</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="783" />
      <source>Cashback ganho</source>
      <translation>Cashback earned</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="788" />
      <source>Saldo de pontos %1</source>
      <translation>Points balance %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="790" />
      <source>Saldo de cashback %1</source>
      <translation>Cashback balance %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="794" />
      <source>Vale novo %1: %2</source>
      <translation>New voucher %1: %2</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="820" />
      <source>Nenhum recibo para reimprimir.</source>
      <translation>No receipt to reprint.</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="824" />
      <source>Reimprimindo…</source>
      <translation>Reprinting…</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="843" />
      <location filename="../../posapp/ui/sale/screen.py" line="855" />
      <source>Falha na impressão: %1. A venda está salva; F7 reimprime.</source>
      <translation>Printing failed: %1. The sale is saved; F7 reprints.</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="851" />
      <source>Recibo impresso.</source>
      <translation>Receipt printed.</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="870" />
      <source>Não há venda para estacionar.</source>
      <translation>There is no sale to park.</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="892" />
      <source>Venda estacionada (nº %1). F6 recupera.</source>
      <translation>Sale parked (no. %1). F6 recalls it.</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="896" />
      <source>Finalize ou estacione a venda atual antes de recuperar outra.</source>
      <translation>Finish or park the current sale before recalling another.</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="902" />
      <source>Nenhuma venda estacionada.</source>
      <translation>No parked sales.</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="949" />
      <source>Venda recuperada: %1</source>
      <translation>Sale recalled: %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="954" />
      <source>Não há venda em andamento para cancelar.</source>
      <translation>There is no sale in progress to cancel.</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="961" />
      <source>Cancelamento não autorizado.</source>
      <translation>Cancellation not authorized.</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sale/screen.py" line="973" />
      <source>Venda cancelada, autorizada por %1.</source>
      <translation>Sale cancelled, authorized by %1.</translation>
    </message>
  </context>
  <context>
    <name>Sales</name>
    <message>
      <location filename="../../posapp/ui/sales/models.py" line="31" />
      <source>Concluída</source>
      <translation>Completed</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/models.py" line="32" />
      <source>Devolvida em parte</source>
      <translation>Partly refunded</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/models.py" line="33" />
      <source>Devolvida</source>
      <translation>Refunded</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/models.py" line="34" />
      <source>Cancelada</source>
      <translation>Voided</translation>
    </message>
  </context>
  <context>
    <name>SalesScreen</name>
    <message>
      <location filename="../../posapp/ui/sales/screen.py" line="117" />
      <source>Escolha uma venda na lista</source>
      <translation>Choose a sale from the list</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/screen.py" line="147" />
      <source>Vendas</source>
      <translation>Sales</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/screen.py" line="152" />
      <source>Hoje</source>
      <translation>Today</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/screen.py" line="154" />
      <source>Nº da venda</source>
      <translation>Sale number</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/screen.py" line="157" />
      <source>Buscar</source>
      <translation>Search</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/screen.py" line="160" />
      <source>Dia</source>
      <translation>Day</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/screen.py" line="191" />
      <source>Reimprimir</source>
      <translation>Reprint</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/screen.py" line="192" />
      <source>Devolver itens</source>
      <translation>Return items</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/screen.py" line="193" />
      <source>Cancelar venda</source>
      <translation>Void sale</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/screen.py" line="195" />
      <source>Só com a senha de um gerente</source>
      <translation>Needs a manager's PIN</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/screen.py" line="218" />
      <source>Carregando o cupom…</source>
      <translation>Loading the receipt…</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/screen.py" line="289" />
      <source>Entre com seu PIN primeiro.</source>
      <translation>Sign in with your PIN first.</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/screen.py" line="345" />
      <source>Nenhuma venda com o número %1</source>
      <translation>No sale with number %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/screen.py" line="347" />
      <source>Venda nº %1</source>
      <translation>Sale no. %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/screen.py" line="350" />
      <source>Nenhuma venda neste dia</source>
      <translation>No sales on this day</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/screen.py" line="352" />
      <source>1 venda</source>
      <translation>1 sale</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/screen.py" line="354" />
      <source>%1 vendas</source>
      <translation>%1 sales</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/screen.py" line="402" />
      <source>Venda nº %1 · %2</source>
      <translation>Sale no. %1 · %2</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/screen.py" line="407" />
      <source>%1 · cliente: %2 · atendente: %3 · total %4</source>
      <translation>%1 · customer: %2 · staff: %3 · total %4</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/screen.py" line="420" />
      <source>Pagamento: %1</source>
      <translation>Payment: %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/screen.py" line="429" />
      <source>Cancelamento</source>
      <translation>Void</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/screen.py" line="429" />
      <source>Devolução</source>
      <translation>Refund</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/screen.py" line="431" />
      <source>%1 em %2: %3 em dinheiro (%4; autorizado por %5)</source>
      <translation>%1 on %2: %3 in money (%4; authorized by %5)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/screen.py" line="452" />
      <source>Não foi possível mostrar o cupom: %1</source>
      <translation>Could not show the receipt: %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/screen.py" line="468" />
      <source>Reimprimindo o cupom…</source>
      <translation>Reprinting the receipt…</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/screen.py" line="474" />
      <source>Cupom reimpresso</source>
      <translation>Receipt reprinted</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/screen.py" line="479" />
      <location filename="../../posapp/ui/sales/screen.py" line="488" />
      <source>Não imprimiu: %1 (o cupom ficou na fila)</source>
      <translation>Not printed: %1 (the receipt is queued)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/screen.py" line="510" />
      <source>devolução na venda nº %1</source>
      <translation>refund on sale no. %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/screen.py" line="512" />
      <source>Devolução cancelada</source>
      <translation>Refund cancelled</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/screen.py" line="521" />
      <source>Devolvendo…</source>
      <translation>Refunding…</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/screen.py" line="541" />
      <source>cancelar a venda nº %1</source>
      <translation>void sale no. %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/screen.py" line="543" />
      <source>Cancelamento não autorizado</source>
      <translation>Void not authorized</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/screen.py" line="548" />
      <source>Cancelando a venda…</source>
      <translation>Voiding the sale…</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/screen.py" line="572" />
      <source>Venda nº %1 cancelada</source>
      <translation>Sale no. %1 voided</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/screen.py" line="575" />
      <source>Devolução na venda nº %1: %2 em itens</source>
      <translation>Refund on sale no. %1: %2 of goods</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/screen.py" line="594" />
      <source>%1 pontos (%2)</source>
      <translation>%1 points (%2)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/screen.py" line="597" />
      <source>Devolver em dinheiro: %1</source>
      <translation>Give back in money: %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/screen.py" line="600" />
      <source>Cashback devolvido: %1</source>
      <translation>Cashback given back: %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/screen.py" line="604" />
      <source>Cashback estornado: %1</source>
      <translation>Cashback reversed: %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/screen.py" line="608" />
      <source>Retido do cashback já usado: %1</source>
      <translation>Kept for cashback already spent: %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/screen.py" line="614" />
      <source>Vales reabertos: %1</source>
      <translation>Vouchers reopened: %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/screen.py" line="618" />
      <source>Vales cancelados: %1</source>
      <translation>Vouchers cancelled: %1</translation>
    </message>
  </context>
  <context>
    <name>SalesTableModel</name>
    <message>
      <location filename="../../posapp/ui/sales/models.py" line="116" />
      <source>Nº</source>
      <translation>No.</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/models.py" line="117" />
      <source>Data</source>
      <translation>Date</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/models.py" line="118" />
      <source>Cliente</source>
      <translation>Customer</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/models.py" line="119" />
      <source>Atendente</source>
      <translation>Staff</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/models.py" line="120" />
      <source>Total</source>
      <translation>Total</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/models.py" line="121" />
      <source>Situação</source>
      <translation>Status</translation>
    </message>
  </context>
  <context>
    <name>Shell</name>
    <message>
      <location filename="../../posapp/ui/shell.py" line="76" />
      <source>%1 (demonstração)</source>
      <translation>%1 (demo)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/shell.py" line="88" />
      <source>Venda</source>
      <translation>Sale</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/shell.py" line="89" />
      <source>Clientes</source>
      <translation>Customers</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/shell.py" line="90" />
      <source>Vendas</source>
      <translation>Sales</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/shell.py" line="108" />
      <source>Sair</source>
      <translation>Sign out</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/shell.py" line="157" />
      <location filename="../../posapp/ui/shell.py" line="273" />
      <source>Ninguém no caixa</source>
      <translation>Nobody signed in</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/shell.py" line="158" />
      <source>Turno: —</source>
      <translation>Shift: —</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/shell.py" line="159" />
      <location filename="../../posapp/ui/shell.py" line="184" />
      <source>Impressora OK</source>
      <translation>Printer OK</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/shell.py" line="160" />
      <source>Leitor: teclado</source>
      <translation>Scanner: keyboard</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/shell.py" line="161" />
      <source>Sincronização: desligada</source>
      <translation>Sync: off</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/shell.py" line="183" />
      <source>Impressora OK (%1 na fila)</source>
      <translation>Printer OK (%1 queued)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/shell.py" line="185" />
      <source>erro</source>
      <translation>error</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/shell.py" line="187" />
      <source>Impressora: %1 (%2 na fila)</source>
      <translation>Printer: %1 (%2 queued)</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/shell.py" line="230" />
      <source>A tela de venda ainda não está disponível.</source>
      <translation>The sale screen is not available yet.</translation>
    </message>
  </context>
  <context>
    <name>SignInScreen</name>
    <message>
      <location filename="../../posapp/ui/signin.py" line="147" />
      <source>Quem está no caixa?</source>
      <translation>Who is at the counter?</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/signin.py" line="160" />
      <location filename="../../posapp/ui/signin.py" line="251" />
      <source>Toque no seu nome</source>
      <translation>Tap your name</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/signin.py" line="231" />
      <source>Demonstração — PINs para entrar:</source>
      <translation>Demo — PINs to sign in:</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/signin.py" line="240" />
      <source>%1, digite seu PIN</source>
      <translation>%1, type your PIN</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/signin.py" line="258" />
      <source>Toque no seu nome antes de digitar o PIN.</source>
      <translation>Tap your name before typing the PIN.</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/signin.py" line="261" />
      <source>Digite seu PIN.</source>
      <translation>Type your PIN.</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/signin.py" line="268" />
      <source>Acesso de %1 bloqueado, tente em %2 min</source>
      <translation>%1 is locked out, try again in %2 min</translation>
    </message>
  </context>
  <context>
    <name>VoidDialog</name>
    <message>
      <location filename="../../posapp/ui/sales/dialogs.py" line="123" />
      <source>Cancelar a venda nº %1</source>
      <translation>Void sale no. %1</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/dialogs.py" line="127" />
      <source>A venda nº %1 (%2) será cancelada por inteiro.</source>
      <translation>Sale no. %1 (%2) will be voided in full.</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/dialogs.py" line="135" />
      <source>ex.: venda lançada errada</source>
      <translation>e.g. sale entered by mistake</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/dialogs.py" line="138" />
      <source>Motivo</source>
      <translation>Reason</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/dialogs.py" line="142" />
      <source>Continuar</source>
      <translation>Continue</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/dialogs.py" line="145" />
      <source>Voltar</source>
      <translation>Back</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/sales/dialogs.py" line="157" />
      <source>Informe o motivo.</source>
      <translation>Enter a reason.</translation>
    </message>
  </context>
  <context>
    <name>VoucherTableModel</name>
    <message>
      <location filename="../../posapp/ui/customers/models.py" line="171" />
      <source>Código</source>
      <translation>Code</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/models.py" line="172" />
      <source>Valor</source>
      <translation>Amount</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/models.py" line="173" />
      <source>Compra mínima</source>
      <translation>Minimum purchase</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/models.py" line="174" />
      <source>Validade</source>
      <translation>Valid until</translation>
    </message>
    <message>
      <location filename="../../posapp/ui/customers/models.py" line="175" />
      <source>Situação</source>
      <translation>Status</translation>
    </message>
  </context>
</TS>